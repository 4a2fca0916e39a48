export interface DB {
  tickets: { id: string; workspace_id: string; subject: string; status: string; priority: string };
  notes: { id: string; ticket_id: string; author_id: string; body: string };
  csat: { id: string; workspace_id: string; score: number; comment: string | null };
  slack_events: { event_id: string };
  slack_teams: { team_id: string; workspace_id: string };
}
