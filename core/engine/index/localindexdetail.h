#pragma once

#include <QString>

// Shared by the index's write side (localindex.cpp) and its search (localindexsearch.cpp).
namespace vd::engine::detail {

// Marks around highlighted terms in FTS5 snippets (control characters no text contains).
constexpr char16_t kMarkOpen = u'\x02';
constexpr char16_t kMarkClose = u'\x03';

// A term as an FTS5 string: the only syntax user text ever reaches FTS5 in.
inline QString quoted(const QString &term)
{
    QString escaped = term;
    escaped.replace(u'"', QStringLiteral("\"\""));
    return u'"' + escaped + u'"';
}

} // namespace vd::engine::detail
