export function GET() { // ok: auth-missing
  return Response.json({ ok: true });
}
