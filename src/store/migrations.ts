/**
 * Archive schema, one entry per version (PRAGMA user_version). Never edit a
 * shipped entry: append a new one, which runs once on databases older than it.
 * An entry is SQL, or a function for a step SQL cannot do alone (each runs in
 * its own transaction).
 */
import type Database from "better-sqlite3";
import type { Article } from "../article.ts";
import { TOKENIZER, ftsRow } from "./fts.ts";

export type Migration = string | ((db: Database.Database) => void);

export const MIGRATIONS: readonly Migration[] = [
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
  // 3: CJK, Thai and Korean words findable inside sentences: the index is rebuilt with marks as word characters and
  // unspaced scripts cut into graphemes (fts.ts). Every article is indexed again from its stored JSON.
  (db) => {
    db.exec(`DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5(title, lead, authors, body, tokenize = "${TOKENIZER}");`);
    const insert = db.prepare("INSERT INTO articles_fts (rowid, title, lead, authors, body) VALUES (?, ?, ?, ?, ?)");
    // In pages: better-sqlite3 cannot write while a statement is being iterated, and a page bounds memory.
    const page = db.prepare<[number], { id: number; article: string }>("SELECT id, article FROM documents WHERE id > ? ORDER BY id LIMIT 500");
    for (let last = -Infinity, rows = page.all(last); rows.length; rows = page.all(last)) {
      for (const r of rows) {
        const f = ftsRow(JSON.parse(r.article) as Article);
        insert.run(r.id, f.title, f.lead, f.authors, f.body);
        last = r.id;
      }
    }
  },
];
