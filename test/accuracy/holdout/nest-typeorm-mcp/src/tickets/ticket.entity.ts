import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tickets')
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() tenantId!: string;
  @Column() subject!: string;
  @Column({ default: 'open' }) status!: string;
  @Column({ nullable: true }) assigneeId?: string;
}
