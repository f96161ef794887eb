import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/config';
import { dataSourceOptions, type PersistenceParts } from './data-source-options';

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, parts: PersistenceParts, applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config, parts, applicationName), retryAttempts: 3 }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
