import { Controller, Delete, Get, Param, UseGuards } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Roles, RolesGuard } from '../auth/roles.guard';
import { Ticket } from '../tickets/ticket.entity';

@Controller('admin')
@UseGuards(RolesGuard)
@Roles('admin')
export class AdminController {
  constructor(@InjectRepository(Ticket) private readonly repo: Repository<Ticket>) {}

  @Get('tickets') // ok: authz-missing, ratelimit-missing
  all() {
    return this.repo.find({ take: 500 });
  }

  @Delete('tickets/:id') // ok: authz-missing, ratelimit-missing
  remove(@Param('id') id: string) {
    return this.repo.delete({ id });
  }
}
