"""Goods and their makers: a PERSON or LOCATION that is a product or the brand of one is no private information.

Captions of second-hand listings and shops name baby goods with their makers, whose names are often given names,
surnames or towns (`Body de Zara`, `Passeggino Peg Perego`, `Carter's bodysuit`). A finding is a product mention
when it is
- a word of a product's name of several words (`Saco de dormir`, `Mala maternidade`; the vocabulary's
  `product_words`, in any case), or a product word and the name right after it (`Hamaca BabyBjörn Bliss`, read
  whole by NER);
- right after a product word or the maker's words after it, nothing but spaces between (`Poussette Yoyo`, `Latte
  Mellin`, `Trona Stokke Tripp Trapp`, `Poussette Bébé Confort Stella`): a maker's or a model's name;
- inside a listed brand (`brands`) that stands beside a product word, after it with a linking word or none
  (`Strampler von Lupilu`, `Biberons Dr Brown's`) or before it (`Boba wrap`), or inside a brand's line of goods
  (`brand_lines`: `Zara Kids`).

A name after a product word and a linking word that no list holds stays a name (`Body von Tante Lisa`).
"""

from __future__ import annotations

import regex

from piu_filter.models.vocabulary import Vocabulary

_MAKER_WORD = r"(?:\p{Lu}[\p{L}\d'’&\-]*|\d+)"  # `Stokke` in `Trona Stokke Tripp Trapp`, `Bébé` in `Bébé Confort`
_SEVERAL_WORDS = regex.compile(r"[ \t\-]")  # `Saco de dormir`, `Saco-cama`


class ProductMentions:
    """The checks, with the vocabulary's product words, linking words and brands."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        products = rf"(?<![\p{{L}}\-])(?i:{vocabulary.alternation('product_words')})(?![\p{{L}}\-])"
        links, brands = vocabulary.alternation("product_links"), vocabulary.alternation("brands")
        self._product = regex.compile(products)
        self._product_opening = regex.compile(rf"{products}[ \t]+(?P<link>(?i:{links})(?![\p{{L}}]))?")
        self._after_product = regex.compile(rf"{products}[ \t]+(?:{_MAKER_WORD}[ \t]+){{0,2}}$")
        self._brand_beside_product = regex.compile(
            rf"{products}[ \t]+(?:(?i:{links})[ \t]+)?(?P<brand>(?i:{brands}))(?![\p{{L}}])"
            rf"|(?<![\p{{L}}])(?P<brand>(?i:{brands})(?:['’]s)?)[ \t]+(?:(?i:baby)[ \t]+)?{products}"
            rf"|(?<![\p{{L}}])(?P<brand>(?i:{brands})[ \t]+{vocabulary.alternation('brand_lines')})(?![\p{{L}}])")

    def is_product_mention(self, text: str, start: int, end: int) -> bool:
        """Whether the span of `text` is a product, its maker's name right after it, or a listed brand beside one."""
        if any(product.start() <= start and end <= product.end() and _SEVERAL_WORDS.search(product.group())
               for product in self._product.finditer(text)):
            return True
        opening = self._product_opening.match(text, start, end)
        if opening and opening.end() < end and not opening.group("link"):
            return True
        if self._after_product.search(text, 0, start):
            return True
        return any(mention.start() <= start and end <= mention.end("brand")
                   for mention in self._brand_beside_product.finditer(text, overlapped=True))
