import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { LOGIN_APPS, type LoginApp } from './return-to';

export class AuthProviderDto {
  @ApiProperty({ example: 'esia-demo' }) id!: string;
  @ApiProperty({ example: 'Госуслуги (демо)' }) name!: string;
}

export class OidcLoginQueryDto {
  @ApiPropertyOptional({
    enum: LOGIN_APPS,
    description: 'The SPA the login starts from; by default taken from returnTo, else patient.',
  })
  @IsOptional()
  @IsIn(LOGIN_APPS)
  app?: LoginApp;

  @ApiPropertyOptional({
    example: '/patient/',
    description: 'A path inside that SPA to return to; anything else is replaced by the SPA home.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  returnTo?: string;
}
