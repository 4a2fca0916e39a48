import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { TicketsService } from './tickets.service';
import { CreateTicketDto } from './dto/create-ticket.dto';

@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Get(':id') // ok: authz-missing, auth-missing
  findOne(@Param('id', ParseUUIDPipe) id: string, @Req() req: any) {
    return this.tickets.findForTenant(id, req.user.tenantId);
  }

  // Used by the agent side-panel; the tenant check was lost in a refactor.
  @Get(':id/summary') // expect: authz-missing
  async summary(@Param('id') id: string) {
    const t = await this.tickets.findById(id);
    return { id: t?.id, subject: t?.subject, status: t?.status };
  }

  @Post() // ok: validation-missing
  create(@Body() dto: CreateTicketDto, @Req() req: any) {
    return this.tickets.create(dto, req.user.tenantId);
  }
}
