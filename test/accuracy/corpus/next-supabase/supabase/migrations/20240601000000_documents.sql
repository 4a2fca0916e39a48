create table documents (
  id uuid primary key default gen_random_uuid(),
  owner_id uuid not null references auth.users (id),
  title text not null,
  content text not null
);
alter table documents enable row level security;
create policy "owners read their documents" on documents for select using (auth.uid() = owner_id);
create policy "owners delete their documents" on documents for delete using (auth.uid() = owner_id);
