#include "core/engine/extract/pdftext.h"

#include "core/engine/extract/extracterrors.h"
#include "core/engine/extract/textoutput.h"

#include <QFile>

#include <memory>
#include <mutex>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

using namespace Qt::StringLiterals;

namespace vd::engine::extract {

namespace {

// poppler prints its complaints about damaged files to stderr unless told otherwise; they go to
// the debug log instead.
void popplerMessage(const std::string &message, void *)
{
    qCDebug(lcExtract, "poppler: %s", message.c_str());
}

void routePopplerMessages()
{
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(popplerMessage, nullptr); });
}

QByteArray pageText(const poppler::page &page)
{
    const poppler::ustring text = page.text(poppler::rectf(), poppler::page::non_raw_non_physical_layout);
    // Through QString, so unpaired surrogates become U+FFFD and the output is valid UTF-8.
    QString decoded = QString::fromUtf16(reinterpret_cast<const char16_t *>(text.data()), qsizetype(text.size()));
    decoded.remove(QChar(u'\0'));
    decoded.replace(u'\f', u'\n');
    while (!decoded.isEmpty() && decoded.back().isSpace())
        decoded.chop(1);
    return decoded.toUtf8();
}

} // namespace

std::optional<ExtractionError> extractPdfText(const QString &path, const QString &fileName, const Deadline &deadline,
                                              TextAssembler &out)
{
    routePopplerMessages();
    const QString name = quotedName(fileName);
    const std::unique_ptr<poppler::document> document(
        poppler::document::load_from_file(QFile::encodeName(path).toStdString()));
    if (!document)
        return invalidFile(
            u"%1 is damaged and cannot be read as a PDF document; export or print it to PDF again"_s.arg(name));
    if (document->is_locked())
        return invalidFile(u"%1 is password-protected; remove the password and upload it again"_s.arg(name));
    const int pages = document->pages();
    if (pages <= 0)
        return invalidFile(u"%1 is damaged: it has no readable pages; export or print it to PDF again"_s.arg(name));
    int unreadable = 0;
    for (int i = 0; i < pages; ++i) {
        if (deadline.passed())
            return deadline.error(fileName);
        const std::unique_ptr<poppler::page> page(document->create_page(i));
        if (!page) {
            ++unreadable;
            continue;
        }
        const QByteArray text = pageText(*page);
        if (text.isEmpty())
            continue;
        out.newlines(2); // pages are separated by a blank line
        if (!out.text(text))
            return cancelled(fileName);
    }
    if (unreadable == pages)
        return invalidFile(u"%1 is damaged: none of its %2 pages can be read; export or print it to PDF again"_s.arg(
            name, QString::number(pages)));
    if (unreadable > 0)
        qCInfo(lcExtract) << "skipped" << unreadable << "unreadable pages of" << fileName;
    return std::nullopt;
}

} // namespace vd::engine::extract
