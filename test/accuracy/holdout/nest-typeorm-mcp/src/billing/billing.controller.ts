import { Controller, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/public.decorator';
import { RolesGuard } from '../auth/roles.guard';

@Controller('admin/tenants')
@UseGuards(RolesGuard)
export class BillingController {
  constructor(private readonly data: DataSource) {}

  @Roles('support_admin')
  @Get() // ok: authz-missing, ratelimit-missing
  list() {
    return this.data.query('select id, name, plan from tenants order by created_at desc limit 200');
  }

  // RolesGuard lets a handler without @Roles through; the suspend endpoint never got one.
  @Post(':id/suspend') // expect: authz-missing // ok: ratelimit-missing
  suspend(@Param('id') id: string, @Req() req: any) {
    return this.data.query('update tenants set suspended_at = now(), suspended_by = $2 where id = $1', [id, req.user.sub]);
  }
}
