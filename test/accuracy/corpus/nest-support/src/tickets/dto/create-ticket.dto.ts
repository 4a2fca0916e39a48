import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class CreateTicketDto {
  @IsString() @MaxLength(200) subject!: string;
  @IsOptional() @IsIn(['low', 'normal', 'high']) priority?: string;
}
