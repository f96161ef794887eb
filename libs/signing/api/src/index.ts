import { Module } from '@nestjs/common';

/** The signing context's Nest module. Empty until its issue lands; see ../README.md for what it will own. */
@Module({})
export class SigningApiModule {}
