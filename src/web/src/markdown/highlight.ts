// Code highlighting for fenced blocks: highlight.js core with a handful of common languages
// registered (the full build is ~900 KB). Output is class-based spans, so it needs no inline style
// and passes the CSP; the colours are in styles.css (.hljs-*).
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const languages = { bash, go, java, javascript, json, python, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);

/**
 * Highlighted HTML for `code` in `lang` (hljs escapes the text itself), or null for a language
 * not registered here (the caller then shows the code as plain escaped text).
 */
export function highlightCode(code: string, lang: string): string | null {
  const name = lang.trim().toLowerCase();
  if (name === '' || hljs.getLanguage(name) === undefined) return null;
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}
