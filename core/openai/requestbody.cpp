#include "core/openai/requestbody.h"

#include <algorithm>
#include <cstring>

namespace vd::openai {

OneShotBody::OneShotBody(QObject *parent)
    : QIODevice(parent)
{ }

void OneShotBody::appendBytes(const QByteArray &bytes)
{
    Part part;
    part.bytes = bytes;
    part.size = bytes.size();
    m_total += part.size;
    m_parts.push_back(std::move(part));
}

bool OneShotBody::appendFile(const QString &path, QString *error)
{
    Part part;
    part.file = std::make_unique<QFile>(path);
    if (!part.file->open(QIODevice::ReadOnly)) {
        *error = part.file->errorString();
        return false;
    }
    part.size = part.file->size();
    m_total += part.size;
    m_parts.push_back(std::move(part));
    return true;
}

qint64 OneShotBody::readData(char *data, qint64 maxSize)
{
    qint64 done = 0;
    while (done < maxSize && m_current < m_parts.size()) {
        Part &part = m_parts[m_current];
        const qint64 want = std::min(maxSize - done, part.size - m_offset);
        qint64 got = 0;
        if (part.file) {
            got = part.file->read(data + done, want);
            if (got < 0 || (got == 0 && want > 0)) {
                setErrorString(
                    part.file->errorString().isEmpty()
                        ? QStringLiteral("%1 changed size while it was being uploaded").arg(part.file->fileName())
                        : part.file->errorString());
                return done > 0 ? done : -1;
            }
        } else if (want > 0) {
            std::memcpy(data + done, part.bytes.constData() + m_offset, size_t(want));
            got = want;
        }
        done += got;
        m_offset += got;
        if (m_offset >= part.size) {
            part.file.reset();
            ++m_current;
            m_offset = 0;
        }
    }
    m_read += done;
    return done;
}

} // namespace vd::openai
