#!/usr/bin/env python3
"""Search, read, summarise and look up through the JSON API of `beleid serve`.

Start a server first (`beleid serve`), then:

    python3 Examples/search_api.py [BASE_URL]      # default http://127.0.0.1:8080/

Needs `requests` (pip install requests). Exits non-zero if an answer is not
what the API promises; Scripts/test runs it against a live server.
"""
import sys
from urllib.parse import quote

import requests

base = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/").rstrip("/")

# Search in English, find Dutch documents too (through the glossary).
answer = requests.get(f"{base}/api/search", params={"q": "supply chain security", "limit": 5}, timeout=10)
answer.raise_for_status()
results = answer.json()["results"]
print(f"{len(results['hits'])} hits, query read as {results['language']}:")
for hit in results["hits"]:
    print(f"  {hit['rank']}. [{hit['language']}] {hit['title']}  ({hit['score']:.2f})")
assert results["hits"], "expected hits for 'supply chain security'"

# A document by the key search returned, its summary and its key terms.
key = quote(results["hits"][0]["key"], safe="")
document = requests.get(f"{base}/api/documents/{key}", timeout=10).json()
summary = requests.get(f"{base}/api/documents/{key}/summary", params={"sentences": 2}, timeout=10).json()
keywords = requests.get(f"{base}/api/documents/{key}/keywords", params={"limit": 5}, timeout=10).json()
print(f"\n{document['title']} ({document.get('date', 'no date')}):")
print("  " + " ".join(summary["sentences"]))
print("  key terms: " + ", ".join(term["text"] for term in keywords["keywords"]))

# The glossary, in either direction.
lookup = requests.get(f"{base}/api/glossary/lookup", params={"term": "ketenveiligheid"}, timeout=10).json()
for match in lookup["matches"][:1]:
    print(f"\nketenveiligheid = {', '.join(match['concept']['english'])}")

# Errors are JSON with a 4xx status; a malformed query names its column.
bad = requests.get(f"{base}/api/search", params={"q": '"digitale autonomie'}, timeout=10)
print(f"\n{bad.status_code}: {bad.json()}")
assert bad.status_code == 400 and bad.json()["column"] == 1
