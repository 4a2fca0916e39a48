'use client';
import { useState } from 'react';
import { Pinecone } from '@pinecone-database/pinecone';

// Searching from the browser "to save a round trip": the Pinecone key ships in the bundle.
const pc = new Pinecone({ apiKey: process.env.NEXT_PUBLIC_PINECONE_API_KEY! }); // expect: secret-client-exposed, env-undocumented

export function DocSearch() {
  const [hits, setHits] = useState<string[]>([]);
  async function search(q: string) {
    const res = await pc.index('help-center').searchRecords({ query: { topK: 5, inputs: { text: q } } });
    setHits(res.result.hits.map((h) => String(h.fields)));
  }
  return <input onChange={(e) => search(e.target.value)} placeholder={hits.length ? hits[0] : 'Search help'} />;
}
