import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { TicketsService } from './tickets.service';
import { AssignTicketDto, CreateTicketDto, SearchTicketsDto } from './tickets.dto';

@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get() // ok: auth-missing
  list(@Req() req: any, @Query() query: SearchTicketsDto) {
    return this.tickets.search(req.user.tenantId, query.q); // ok: validation-missing
  }

  @Get(':id') // ok: authz-missing
  get(@Req() req: any, @Param('id', ParseUUIDPipe) id: string) {
    return this.tickets.findForTenant(id, req.user.tenantId);
  }

  @Post() // ok: validation-missing
  create(@Req() req: any, @Body() dto: CreateTicketDto) {
    return this.tickets.create(req.user.tenantId, dto.subject);
  }

  // Reassigning goes straight to the service by id: an agent of tenant A can take tenant B's ticket.
  @Patch(':id/assign') // expect: authz-missing // ok: validation-missing
  assign(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignTicketDto) {
    return this.tickets.assign(id, dto.agentId);
  }
}
