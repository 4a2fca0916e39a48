import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateTicketDto {
  @IsString() @MaxLength(200) subject!: string;
}

export class AssignTicketDto {
  @IsUUID() agentId!: string;
}

export class SearchTicketsDto {
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}
