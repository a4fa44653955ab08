// The article JSON Schema (schema/article-1.schema.json) accepts every committed article and
// rejects what the app's decoder rejects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const root = new URL('../', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(root + 'schema/article-1.schema.json', 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const dir = root + 'public/data/articles/';
const seed = JSON.parse(readFileSync(dir + 'c6c151299a20712a.json', 'utf8'));

test('every committed article is valid', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 1);
  for (const f of files) {
    const ok = validate(JSON.parse(readFileSync(dir + f, 'utf8')));
    assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
  }
});

test('rejects what the decoder rejects', () => {
  const broken = {
    'missing title': (a) => { delete a.title; },
    'empty body': (a) => { a.body = []; },
    'other format': (a) => { a.format = 'yuedu-article/2'; },
    'path in id': (a) => { a.id = '../x'; },
    'no offset': (a) => { a.published = '2023-12-07T15:58:54'; },
    'unknown block': (a) => { a.body.push({ type: 'html', html: '<b>x</b>' }); },
    'javascript: image': (a) => { a.body.push({ type: 'image', src: 'javascript:alert(1)', alt: '' }); },
    'data: image': (a) => { a.body.push({ type: 'image', src: 'data:image/png;base64,AA', alt: '' }); },
    'protocol-relative image': (a) => { a.body.push({ type: 'image', src: '//evil.example/x.png', alt: '' }); },
    'javascript: source': (a) => { a.source.url = 'javascript:alert(1)'; },
  };
  for (const [name, breakIt] of Object.entries(broken)) {
    const a = structuredClone(seed);
    breakIt(a);
    assert.equal(validate(a), false, `${name} should be rejected`);
  }
});

test('accepts images with http(s) and relative sources', () => {
  for (const src of ['https://img.example/a.jpg', 'img/a.jpg', '/media/a.png?w=640']) {
    const a = structuredClone(seed);
    a.body.push({ type: 'image', src, alt: '图', caption: '说明' });
    assert.ok(validate(a), `${src}: ${JSON.stringify(validate.errors)}`);
  }
});
