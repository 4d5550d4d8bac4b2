#!/usr/bin/env python3
"""Writes Tests/IngestTests/Fixtures/bad-input/: one file per RELIABILITY.md (b) case that ingest handles.

Run from the repository root: python3 scripts/make-bad-input-fixtures.py
The files are committed; the expected report (report.json) is produced by the ingest code and
reviewed by hand (UPDATE_GOLDEN=1 swift test --filter goldenBadInput rewrites it).
Cases decided elsewhere (index, analyzer, file system at run time) are listed in README.md there.
"""
import json, os, shutil

OUT = "Tests/IngestTests/Fixtures/bad-input"
if os.path.isdir(OUT):
    for name in os.listdir(OUT):
        if name not in ("report.json", "README.md"):
            os.remove(os.path.join(OUT, name))
os.makedirs(OUT, exist_ok=True)


def doc(i, title="赫山区某养猪场污水直排", body="群众反映养猪场废水直排附近沟渠，气味难闻。", **extra):
    d = {"id": i, "type": "petition", "title": title, "date": "2020-09-15", "region": "赫山区", "body": body}
    d.update(extra)
    return d


def line(d):
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def jsonl(*parts):
    return b"\n".join(parts) + b"\n"


# 1 invalid UTF-8 byte inside a JSONL line
write("01-invalid-utf8.jsonl", jsonl(line(doc("B01-1")), b'{"id":"B01-2","title":"ab\xffcd","body":"x"}', line(doc("B01-3"))))
# 2 truncated multibyte sequence at EOF
write("02-truncated-utf8-eof.jsonl", line(doc("B02-1")) + b"\n" + b'{"id":"B02-2","body":"\xe5\x9b')
# 3 overlong and surrogate UTF-8
write("03-overlong-surrogate.jsonl", jsonl(b'{"id":"B03-1","body":"a\xc0\xafb"}', b'{"id":"B03-2","body":"a\xed\xa0\x80b"}', line(doc("B03-3"))))
# 4 UTF-8 BOM at file start
write("04-bom.jsonl", b"\xef\xbb\xbf" + jsonl(line(doc("B04-1")), line(doc("B04-2"))))
# 5 U+FEFF starting a line mid-file (concatenated files)
write("05-bom-mid-file.jsonl", jsonl(line(doc("B05-1")), b"\xef\xbb\xbf" + line(doc("B05-2"))))
# 6 UTF-16LE with BOM (Excel "Unicode text")
write("06-utf16le.jsonl", b"\xff\xfe" + jsonl(line(doc("B06-1")), line(doc("B06-2"))).decode("utf-8").encode("utf-16-le"))
# 7 GB18030/GBK file without BOM
write("07-gbk.jsonl", jsonl(line(doc("B07-1")), line(doc("B07-2", title="资阳区金源造纸厂偷排黑水"))).decode("utf-8").encode("gb18030"))
# 8 "GBK" file with GB18030 four-byte sequences (rare ideographs)
write("08-gb18030-four-byte.jsonl", jsonl(line(doc("B08-1", title="安化县㐀䶮村民反映𠀀石场粉尘"))).decode("utf-8").encode("gb18030"))
# 9 short GB18030 text (8 bytes): statistical detection must not decide
write("09-short-gb18030.txt", "督察简报".encode("gb18030"))
# 10 mixed encodings: UTF-8 lines and one GBK line
write("10-mixed-encodings.jsonl", jsonl(line(doc("B10-1")), line(doc("B10-2", title="南县砂石码头扬尘")).decode("utf-8").encode("gbk"), line(doc("B10-3"))))
# 11 GB18030 truncated sequence at EOF
write("11-gb18030-truncated.jsonl", jsonl(line(doc("B11-1"))).decode("utf-8").encode("gb18030") + '{"id":"B11-2","body":"沅江'.encode("gb18030") + b"\x81\x30")
# 12 CRLF line endings
write("12-crlf.jsonl", line(doc("B12-1")) + b"\r\n" + line(doc("B12-2")) + b"\r\n")
# 13 lone CR line endings in a text file
write("13-lone-cr.txt", "# 桃江县工作简报\r2019 年 3 月 2 日\r桃江县开展河道采砂专项整治。\r".encode("utf-8"))
# 14 NUL bytes in text
write("14-nul-in-text.txt", "大通湖区工作简报\n2021年5月6日\n".encode("utf-8") + b"abc\x00def\n")
# 15 binary file posing as text
write("15-binary.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)))
# 16 empty file
write("16-empty.jsonl", b"")
# 17 blank and whitespace-only lines
write("17-blank-lines.jsonl", jsonl(line(doc("B17-1")), b"", b"   \t", line(doc("B17-2"))))
# 18 empty document
write("18-empty-document.jsonl", jsonl(b'{"id":"B18-1","body":""}', line(doc("B18-2"))))
# 19 malformed JSON: trailing comma, single quotes, unquoted keys
write("19-malformed.jsonl", jsonl(b'{"id":"B19-1","body":"x",}', b"{'id':'B19-2'}", b'{id:"B19-3"}', line(doc("B19-4"))))
# 20 valid JSON that is not an object
write("20-not-object.jsonl", jsonl(b"[1,2]", b"42", b"null", line(doc("B20-4"))))
# 21 trailing garbage / two values on one line
write("21-trailing-garbage.jsonl", jsonl(b'{"id":"B21-1","body":"a"} xyz', b'{"id":"B21-2","body":"b"}{}', line(doc("B21-3"))))
# 22 last line truncated mid-object
write("22-truncated-last-line.jsonl", line(doc("B22-1")) + b"\n" + b'{"id":"9","bo')
# 23 pretty-printed JSON given as .jsonl
pretty = json.dumps([doc("B23-%d" % i) for i in range(1, 4)], ensure_ascii=False, indent=2).encode("utf-8")
write("23-pretty-printed.jsonl", pretty + b"\n")
# 24 deeply nested JSON
write("24-deep-nesting.jsonl", jsonl(b'{"id":"B24-1","x":' + b"[" * 10000 + b"]" * 10000 + b"}", line(doc("B24-2"))))
# 25 missing id
write("25-missing-id.jsonl", jsonl(b'{"title":"\xe6\xb2\xa1\xe6\x9c\x89\xe7\xbc\x96\xe5\x8f\xb7","body":"x"}', line(doc("B25-2"))))
# 26 id of the wrong type (integers are fine; floats, booleans, objects and ids beyond 2^53 are not)
write("26-id-types.jsonl", jsonl(b'{"id":1.5,"body":"x"}', b'{"id":true,"body":"x"}', b'{"id":{"n":1},"body":"x"}',
                                 b'{"id":2601,"body":"integer id"}', b'{"id":18014398509481985,"body":"x"}'))
# 27 duplicate id within a batch
write("27-duplicate-id.jsonl", jsonl(line(doc("B27-1", body="first version")), line(doc("B27-2")), line(doc("B27-1", body="corrected version"))))
# 29 gigantic token: 100 KB of base64 and a 40,000-character CJK run (accepted by ingest; the analyzer caps tokens)
write("29-gigantic-token.jsonl", jsonl(line(doc("B29-1", body="QUJD" * 25000)), line(doc("B29-2", body="污" * 40000))))
# 31 gigantic line: 156 KB, over the golden run's 128 KiB record limit
write("31-gigantic-line.jsonl", jsonl(line(doc("B31-1")), line(doc("B31-2", body="噪声" * 26000)), line(doc("B31-3"))))
# 32 duplicate keys in one object
write("32-duplicate-keys.jsonl", jsonl(b'{"id":"B32-1","title":"a","title":"b","body":"x"}'))
# 33 zero-width and soft-hyphen characters (kept; the analyzer removes them)
write("33-zero-width.jsonl", jsonl(line(doc("B33-1", title="金\u200b源\ufeff造\u00ad纸"))))
# 34 full-width and NFD variants (kept; the analyzer normalizes)
write("34-fullwidth.jsonl", jsonl(line(doc("B34-1", body="ＣＯＤ浓度８６ｍｇ／Ｌ，ＰＭ２．５超标，Cafe\u0301"))))
# 35 control and bidi characters (kept, escaped in JSON)
write("35-control-bidi.jsonl", jsonl(line(doc("B35-1", body="a\u0001b\u202ec\u001b[31m"))))
# 36 lone surrogate escape
write("36-lone-surrogate.jsonl", jsonl(b'{"id":"B36-1","body":"x\\ud800y"}', b'{"id":"B36-2","body":"ok \\ud83d\\ude00"}'))
# 37 CSV quoted fields with newline, comma and ""
write("37-csv-quoted.csv", "受理编号,交办问题基本情况,行政区域,污染类型\r\nB37-1,\"反映某厂夜间生产，噪音扰民\r\n第二行\",资阳区,噪声\r\nB37-2,\"他说\"\"臭\"\"\",赫山区,大气\r\n".encode("utf-8"))
# 38 CSV ragged row
write("38-csv-ragged.csv", "受理编号,交办问题基本情况,行政区域,污染类型\nB38-1,粉尘,南县,大气\nB38-2,只有三列,南县\nB38-3,废水,沅江市,水\n".encode("utf-8"))
# 39 CSV unterminated quote
write("39-csv-unterminated-quote.csv", "受理编号,交办问题基本情况,行政区域,污染类型\nB39-1,好的一行,南县,水\nB39-2,\"引号没有关闭,南县,水\nB39-3,后面的行,南县,水\nB39-4,最后,南县,噪声\n".encode("utf-8"))
# 40 CSV header problems: no header row; duplicate names; a GBK Excel export
write("40a-csv-no-header.csv", "D4309002020091500,反映某厂排污,赫山区,水\n".encode("utf-8"))
write("40b-csv-duplicate-header.csv", "受理编号,交办问题基本情况,备注,备注\nB40B-1,反映噪声,一,二\n".encode("utf-8"))
write("40c-csv-gbk-excel.csv", "受理编号,交办问题基本情况,行政区域,污染类型\r\nB40C-1,反映桃江县某石场粉尘扰民,桃江县,大气\r\n".encode("gbk"))
# 41 Markdown with broken front matter
write("41-broken-front-matter.md", "---\ntitle: 没有结束的前言\ndate: 2020-09-15\n\n# 安化县督察工作简报\n\n2020 年 9 月 15 日，安化县召开督察整改推进会。\n".encode("utf-8"))
# 42 very long line in a text file (150 KB, over the 128 KiB record limit)
write("42-long-text-line.txt", ("臭" * 50000).encode("utf-8"))
print("wrote", len(os.listdir(OUT)), "files to", OUT)
