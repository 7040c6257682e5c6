import type { FastifyInstance } from 'fastify';

const TEXT = {
  en: {
    title: 'Ticketwerk is running',
    body: 'The help desk server is up, but its web app has not been built here: `npm start` builds it, or run `npm run build:web`. Everything also works through the REST API.',
    docs: 'Interactive API documentation',
    spec: 'OpenAPI document',
  },
  de: {
    title: 'Ticketwerk läuft',
    body: 'Der Helpdesk-Server ist bereit, aber seine Web-Oberfläche ist hier nicht gebaut: `npm start` baut sie, oder `npm run build:web`. Alles geht auch über die REST-API.',
    docs: 'Interaktive API-Dokumentation',
    spec: 'OpenAPI-Dokument',
  },
} as const;

/** GET / without a built web app: a start page in the browser's language (German or English) pointing to the API. */
export function registerHomeRoute(app: FastifyInstance): void {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const lang = /^de\b/i.test(request.headers['accept-language'] ?? '') ? 'de' : 'en';
    const t = TEXT[lang];
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(
        `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<title>Ticketwerk</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1f2937}a{color:#1d4ed8}</style></head>` +
          `<body><h1>${t.title}</h1><p>${t.body}</p><ul><li><a href="/api/docs">${t.docs}</a></li><li><a href="/api/v1/openapi.json">${t.spec}</a></li></ul></body></html>`,
      );
  });
}
