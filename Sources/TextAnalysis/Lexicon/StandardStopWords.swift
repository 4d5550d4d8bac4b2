/// The built-in stop-word list, embedded in source (no bundle resource).
///
/// The same text as `corpus/stopwords.txt`; a test keeps the two equal.
enum StandardStopWords {
  static let text = """
    # Stop words of the search engine's analyzer (TextAnalysis.StopWords.standard).
    #
    # Format: plain UTF-8, one entry per line; everything after `#` is a comment;
    # blank lines are ignored; an entry has no whitespace inside. Entries are
    # normalized like the text (full-width → half-width, upper → lower case,
    # Traditional → Simplified), so write them in any form.
    #
    # A word listed here is dropped from the ranked word stream when ICU (or the
    # lexicon) produces it as a whole word; its position is still counted, so
    # phrase distances stay the same at index and query time. The character
    # bigram stream keeps every character, so exact phrases containing these
    # words still match. Only words that carry no meaning for inspection
    # documents belong here: never a place, pollutant or action word.
    #
    # This file is the same list as the built-in default; pass a changed copy to
    # replace it (changing the list changes the analyzer identity of an index).

    # Structural particles and aspect markers
    的
    地
    得
    之
    着
    了
    过

    # Conjunctions
    和
    与
    及
    及其
    以及
    或
    或者
    并
    并且
    而
    而且
    且
    但
    但是
    则
    即
    若
    如果
    因为
    所以
    虽然

    # Prepositions and copulas
    在
    是
    于
    对
    对于
    把
    被
    从
    以
    为
    由
    将
    向
    给

    # Adverbs with no search value
    也
    都
    就
    又
    还
    已
    已经
    曾

    # Pronouns and determiners
    其
    此
    该
    这
    那
    这个
    那个
    这些
    那些
    它
    它们
    我们
    他们
    有关

    # Modal particles
    吗
    呢
    吧
    啊

    # Latin function words (documents quote English titles and abbreviations)
    a
    an
    and
    the
    of
    or
    to
    in
    on
    for
    is
    are
    by
    with
    """
}
