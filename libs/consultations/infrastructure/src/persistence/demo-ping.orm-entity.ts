import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'consultations', name: 'demo_ping' })
export class DemoPingOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  message!: string;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
