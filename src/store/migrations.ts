/**
 * Archive schema, one entry per version (PRAGMA user_version). Never edit a
 * shipped entry: append a new one, which runs once on databases older than it.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: articles with their dedupe keys and search filters, and the full-text index.
  `CREATE TABLE articles (
     id INTEGER PRIMARY KEY,
     source_key TEXT,
     url_key TEXT,
     content_hash TEXT,
     url TEXT,
     title TEXT,
     site TEXT,
     site_name TEXT,
     authors TEXT NOT NULL DEFAULT '',
     published TEXT,
     published_ts INTEGER,
     lang TEXT,
     word_count INTEGER NOT NULL DEFAULT 0,
     article TEXT NOT NULL,
     source BLOB,
     saved_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX articles_source_key ON articles(source_key) WHERE source_key IS NOT NULL;
   CREATE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL;
   CREATE INDEX articles_hash ON articles(content_hash) WHERE content_hash IS NOT NULL;
   CREATE INDEX articles_published ON articles(published_ts);
   CREATE INDEX articles_site ON articles(site);
   CREATE VIRTUAL TABLE articles_fts USING fts5(title, lead, authors, body, tokenize = 'unicode61 remove_diacritics 2');`,
  // 2: the article JSON and the page move to their own table: ranking joins every match to its row, and wide rows made that 10x slower.
  `CREATE TABLE documents (
     id INTEGER PRIMARY KEY,
     article TEXT NOT NULL,
     source BLOB
   );
   INSERT INTO documents (id, article, source) SELECT id, article, source FROM articles;
   ALTER TABLE articles DROP COLUMN article;
   ALTER TABLE articles DROP COLUMN source;`,
];
