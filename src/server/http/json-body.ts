import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/index.js';

// Fastify decodes JSON bodies leniently, turning invalid UTF-8 into U+FFFD: the stored text would
// differ from what the client sent without anyone noticing. Bytes are checked before parsing.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Replaces the JSON body parser with one that refuses invalid UTF-8 (400 invalid_utf8). */
export function registerStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new AppError('invalid_utf8', 'The JSON body is not valid UTF-8'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}
