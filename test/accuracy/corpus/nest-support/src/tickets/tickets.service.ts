import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Ticket } from './ticket.entity';
import { CreateTicketDto } from './dto/create-ticket.dto';

@Injectable()
export class TicketsService {
  constructor(@InjectRepository(Ticket) private readonly repo: Repository<Ticket>) {}

  async findForTenant(id: string, tenantId: string) {
    const ticket = await this.repo.findOne({ where: { id, tenantId } });
    if (!ticket) throw new NotFoundException();
    return ticket;
  }

  findById(id: string) {
    return this.repo.findOneBy({ id });
  }

  create(dto: CreateTicketDto, tenantId: string) {
    return this.repo.save(this.repo.create({ ...dto, tenantId }));
  }
}
