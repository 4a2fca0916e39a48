import { DynamicStructuredTool } from '@langchain/core/tools';
import { z } from 'zod';
import { Customer, Ticket } from '../lib/models';

export interface Caller { userId: string; orgId: string }

// Tools are built per request so that every query is scoped to the caller's org.
export function buildTools(caller: Caller) {
  return [
    new DynamicStructuredTool({ // ok: llm-tool-authz
      name: 'find_ticket',
      description: 'Find a ticket in the current organisation',
      schema: z.object({ ticketId: z.string() }),
      func: async ({ ticketId }) => JSON.stringify(await Ticket.findOne({ _id: ticketId, orgId: caller.orgId })),
    }),
    new DynamicStructuredTool({ // expect: llm-tool-authz
      name: 'update_customer_plan',
      description: 'Change a customer plan',
      schema: z.object({ customerId: z.string(), plan: z.enum(['free', 'pro', 'enterprise']) }),
      func: async ({ customerId, plan }) => JSON.stringify(await Customer.findByIdAndUpdate(customerId, { plan })),
    }),
  ];
}
