#include "core/engine/spool.h"

#include <QFile>
#include <QTemporaryFile>

#include <atomic>
#include <cstring>

using namespace Qt::StringLiterals;

namespace vd::engine {

namespace {

std::atomic<qint64> g_memoryInUse{0};

// Takes `bytes` of the process's memory limit, or nothing when they would pass it.
bool reserve(qint64 bytes)
{
    qint64 used = g_memoryInUse.load(std::memory_order_relaxed);
    do {
        if (used + bytes > Spool::kProcessMemoryLimit)
            return false;
    } while (!g_memoryInUse.compare_exchange_weak(used, used + bytes, std::memory_order_relaxed));
    return true;
}

} // namespace

Spool::Spool(QString dir, QObject *parent)
    : QIODevice(parent)
    , m_dir(std::move(dir))
{ }

Spool::~Spool()
{
    releaseMemory();
}

qint64 Spool::memoryInUse()
{
    return g_memoryInUse.load(std::memory_order_relaxed);
}

QString Spool::location() const
{
    return m_file ? m_file->fileName() : m_dir;
}

bool Spool::open(OpenMode mode)
{
    if ((mode & ReadWrite) != ReadWrite) {
        setErrorString(u"a spool is opened for reading and writing"_s);
        return false;
    }
    // QIODevice's own buffer would copy each read once more: the memory needs none, and the
    // file has QFile's.
    return QIODevice::open(mode | Unbuffered);
}

void Spool::close()
{
    QIODevice::close();
    releaseMemory();
    m_file.reset();
    m_size = 0;
}

bool Spool::seek(qint64 position)
{
    if (m_file && !m_file->seek(position)) {
        setErrorString(m_file->errorString());
        return false;
    }
    return QIODevice::seek(position);
}

qint64 Spool::size() const
{
    return m_size;
}

qint64 Spool::readData(char *data, qint64 maxSize)
{
    if (m_file) {
        const qint64 n = m_file->read(data, maxSize);
        if (n < 0)
            setErrorString(m_file->errorString());
        return n;
    }
    const qint64 n = std::min(maxSize, qint64(m_memory.size()) - pos());
    if (n <= 0)
        return 0;
    std::memcpy(data, m_memory.constData() + pos(), size_t(n));
    return n;
}

qint64 Spool::writeData(const char *data, qint64 size)
{
    if (pos() != this->size()) {
        setErrorString(u"a spool is written only at its end"_s);
        return -1;
    }
    if (!m_file) {
        const qint64 growth = size;
        if (m_memory.size() + growth <= kMemoryLimit && reserve(growth)) {
            m_memory.append(data, qsizetype(size));
            m_reserved += growth;
            m_size += size;
            return size;
        }
        if (!moveToFile())
            return -1;
    }
    const qint64 n = m_file->write(data, size);
    if (n < 0)
        setErrorString(m_file->errorString());
    else
        m_size += n;
    return n;
}

bool Spool::moveToFile()
{
    auto file = std::make_unique<QTemporaryFile>(m_dir + u"/spool-XXXXXX.bin"_s);
    if (!file->open()) {
        setErrorString(u"cannot create a file in %1: %2"_s.arg(m_dir, file->errorString()));
        return false;
    }
    // Unlinked at once: the open file lives until it is closed.
    file->setAutoRemove(false);
    QFile::remove(file->fileName());
    if (file->write(m_memory) != m_memory.size()) {
        setErrorString(u"cannot write to %1: %2"_s.arg(file->fileName(), file->errorString()));
        return false;
    }
    m_file = std::move(file);
    releaseMemory();
    return true;
}

void Spool::releaseMemory()
{
    m_memory = QByteArray();
    g_memoryInUse.fetch_sub(m_reserved, std::memory_order_relaxed);
    m_reserved = 0;
}

} // namespace vd::engine
