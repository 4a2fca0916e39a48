import { Pinecone } from '@pinecone-database/pinecone';

const pc = new Pinecone({ apiKey: process.env.PINECONE_API_KEY! }); // expect: env-undocumented

/** The help center is public content, shared by every customer. */
export async function searchDocs(query: string) {
  const index = pc.index('help-center');
  const res = await index.searchRecords({ query: { topK: 5, inputs: { text: query } } });
  return res.result.hits.map((h) => h.fields);
}
