/** Words and phrases the corpus generator draws from: engineering prose, not lorem ipsum. */

export const WORDS = [
  'service', 'request', 'latency', 'cache', 'queue', 'worker', 'retry', 'backoff', 'timeout', 'client',
  'server', 'database', 'index', 'migration', 'schema', 'payload', 'endpoint', 'token', 'session', 'tenant',
  'replica', 'shard', 'partition', 'throughput', 'budget', 'deadline', 'rollout', 'feature', 'flag', 'metric',
  'alert', 'dashboard', 'trace', 'span', 'log', 'event', 'stream', 'consumer', 'producer', 'broker',
  'the', 'a', 'each', 'every', 'this', 'that', 'our', 'its', 'when', 'while',
  'must', 'should', 'may', 'will', 'can', 'never', 'always', 'only', 'also', 'then',
  'handles', 'stores', 'sends', 'reads', 'writes', 'validates', 'rejects', 'retries', 'emits', 'records',
  'within', 'before', 'after', 'across', 'between', 'per', 'under', 'over', 'without', 'through',
  'consistent', 'idempotent', 'durable', 'eventual', 'strict', 'optional', 'required', 'stale', 'fresh', 'bounded',
  'p99', 'SLA', 'API', 'HTTP', 'JSON', 'gRPC', 'TLS', 'OAuth', 'JWT', 'S3',
] as const;

/** Sprinkled into some documents: accents, CJK, Greek, symbols, emoji (astral plane). */
export const UNICODE_WORDS = [
  'naïve', 'café', 'Zürich', 'Straße', 'résumé', 'São Paulo', '日本語', '東京', 'Ελληνικά', 'Привет',
  '→', '≤ 200 ms', '±5 %', '✓', '🚀', '👩‍💻', 'Å', 'ñ', '中文文档', '한국어',
] as const;

export const NAMES = [
  'Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Barbara Liskov', 'Edsger Dijkstra', 'Margaret Hamilton',
  'Ken Thompson', 'Frances Allen', 'Leslie Lamport', 'Radia Perlman', 'José Valim', 'Zoë Keating',
] as const;

export const TECHNOLOGIES = [
  'PostgreSQL', 'Redis', 'Kafka', 'TypeScript', 'Node.js', 'Go', 'Rust', 'Kubernetes', 'Terraform',
  'React', 'NGINX', 'SQLite', 'RabbitMQ', 'Prometheus', 'Grafana', 'OpenTelemetry', 'Envoy',
] as const;

export const CODE_LANGS = ['typescript', 'sql', 'yaml', 'json', 'go', 'bash', 'python', ''] as const;

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
