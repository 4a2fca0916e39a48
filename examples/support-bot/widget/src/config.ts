// The widget talks to our API; the "direct mode" experiment calls OpenAI straight from the browser.
export const apiUrl = import.meta.env.VITE_API_URL ?? 'http://localhost:3000';
export const openaiKey = import.meta.env.VITE_OPENAI_API_KEY;
