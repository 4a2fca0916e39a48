import OpenAI from 'openai';

// TODO: move to the secret manager before launch.
export const openai = new OpenAI({ apiKey: 'sk-proj-7fQ2xR9LmN4vB8kT1cY6hJ3pW5sD0aZeUgViKoXrPlMn' });
