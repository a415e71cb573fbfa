/**
 * The PostgreSQL archive's schema, one entry per version (table schema_migrations). Never edit a shipped entry:
 * append a new one, which runs once, in its own transaction, on archives older than it. Names follow the SQLite
 * archive (migrations.ts) where they apply: `articles` holds one row an article with its `url` and the dedupe keys,
 * `documents` the article JSON and the gzipped page. The full-text index is a tsvector column of its own (`search`:
 * headline weight A, lead B, authors C, body D) under a GIN index, built with the `newsclip` text search
 * configuration: the `simple` dictionary (no stemming, as SQLite's unicode61) with accents folded by `unaccent`.
 */
export const PG_MIGRATIONS: readonly string[] = [
  // 1: articles, documents, the text search configuration and the indexes.
  `CREATE EXTENSION IF NOT EXISTS unaccent;
   CREATE TEXT SEARCH CONFIGURATION newsclip (COPY = simple);
   ALTER TEXT SEARCH CONFIGURATION newsclip ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
   CREATE TABLE articles (
     id bigserial PRIMARY KEY,
     source_key text,
     url_key text,
     content_hash text,
     url text,
     title text,
     site text,
     site_name text,
     authors text NOT NULL DEFAULT '',
     published text,
     published_ts bigint,
     lang text,
     word_count integer NOT NULL DEFAULT 0,
     search tsvector NOT NULL,
     saved_at timestamptz NOT NULL DEFAULT now(),
     updated_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX articles_source_key ON articles (source_key) WHERE source_key IS NOT NULL;
   CREATE INDEX articles_url_key ON articles (url_key) WHERE url_key IS NOT NULL;
   CREATE INDEX articles_hash ON articles (content_hash) WHERE content_hash IS NOT NULL;
   CREATE INDEX articles_published ON articles (published_ts);
   CREATE INDEX articles_site ON articles (site);
   CREATE INDEX articles_search ON articles USING gin (search);
   CREATE TABLE documents (
     id bigint PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
     article json NOT NULL,
     source bytea
   );`,
  // 2: the article JSON (~27 KB) and the tsvector compressed with lz4 rather than pglz: a write's compression is
  // several times cheaper, and the TOAST is smaller (bench/pgwrite.ts). A server built without lz4 keeps pglz. The
  // page is gzipped already: kept out of line, uncompressed, instead of pglz trying again.
  `DO $$ BEGIN
     ALTER TABLE documents ALTER COLUMN article SET COMPRESSION lz4;
     ALTER TABLE articles ALTER COLUMN search SET COMPRESSION lz4;
   EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'lz4 compression not available (%), pglz stays', SQLERRM;
   END $$;
   ALTER TABLE documents ALTER COLUMN source SET STORAGE EXTERNAL;`,
];
