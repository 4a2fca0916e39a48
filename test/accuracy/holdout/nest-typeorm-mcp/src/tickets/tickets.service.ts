import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ILike, Repository } from 'typeorm';
import { Ticket } from './ticket.entity';

@Injectable()
export class TicketsService {
  constructor(@InjectRepository(Ticket) private readonly repo: Repository<Ticket>) {}

  search(tenantId: string, q = '') {
    return this.repo.find({ where: { tenantId, subject: ILike(`%${q}%`) }, take: 50 });
  }

  async findForTenant(id: string, tenantId: string) {
    const ticket = await this.repo.findOneBy({ id, tenantId });
    if (!ticket) throw new NotFoundException();
    return ticket;
  }

  create(tenantId: string, subject: string) {
    return this.repo.save(this.repo.create({ tenantId, subject }));
  }

  // Used by the assign endpoint and the MCP server; the caller is trusted to have checked the tenant.
  async assign(id: string, agentId: string) {
    await this.repo.update({ id }, { assigneeId: agentId });
    return this.repo.findOneBy({ id });
  }

  close(id: string) {
    return this.repo.update({ id }, { status: 'closed' });
  }
}
