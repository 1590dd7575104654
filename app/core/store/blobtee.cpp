// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/blobtee.h"

#include "store/sqlitedb.h"

namespace capaudit {

BlobTee::BlobTee(sql::Database& db, QString absolutePath, QString relativePath, QByteArray expectedSha256)
    : m_db(db)
    , m_file(absolutePath)
    , m_relative(std::move(relativePath))
    , m_expected(std::move(expectedSha256))
{
}

BlobTee::~BlobTee() = default;

Status BlobTee::start()
{
    if (!m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error(m_relative, QStringLiteral("cannot read: %1").arg(m_file.errorString()));
    m_expectedSize = m_file.size();
    const QString hex = QString::fromLatin1(m_expected.toHex());
    sql::Statement* find = m_db.prepare("SELECT id, size FROM blobs WHERE sha256 = ?");
    if (!find)
        return m_db.lastError();
    find->bind(1, hex);
    if (find->next()) {
        m_blobId = find->int64(0);
        find->reset();
    } else {
        if (find->failed())
            return find->error();
        sql::Statement* insert = m_db.prepare("INSERT INTO blobs (sha256, size) VALUES (?, ?)");
        if (!insert)
            return m_db.lastError();
        insert->bind(1, hex).bind(2, m_expectedSize);
        if (Status s = insert->exec(); !s)
            return s;
        m_blobId = m_db.lastInsertId();
        m_store = true;
        m_chunk.reserve(kChunkSize);
        // The parser reading through this tee is usually an import's critical path; the bytes it has read are
        // hashed by a thread of their own, chunk by chunk, in order.
        if (m_expectedSize > kChunkSize)
            m_background = std::make_unique<crypto::BackgroundHasher>();
    }
    if (!QIODevice::open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return Error(m_relative, QStringLiteral("cannot open the import stream"));
    return {};
}

qint64 BlobTee::readData(char* data, qint64 maxSize)
{
    if (m_failed)
        return -1;
    const qint64 n = m_file.read(data, maxSize);
    if (n < 0) {
        m_failed = true;
        m_error = Error(m_relative, QStringLiteral("read error: %1").arg(m_file.errorString())).markedLocal();
        setErrorString(m_error.reason);
        return -1;
    }
    if (n == 0)
        return 0; // end of file; LineReader and QIODevice::readAll() stop at 0
    if (!m_background)
        m_hasher.add(QByteArrayView(data, n));
    m_total += n;
    if (m_store) {
        qint64 offset = 0;
        while (offset < n) {
            const qint64 take = std::min<qint64>(n - offset, kChunkSize - m_chunk.size());
            m_chunk.append(data + offset, take);
            offset += take;
            if (m_chunk.size() == kChunkSize) {
                if (Status s = storeChunk(); !s) {
                    m_failed = true;
                    m_error = s.error();
                    setErrorString(m_error.toString());
                    return -1;
                }
            }
        }
    }
    return n;
}

Status BlobTee::storeChunk()
{
    if (m_chunk.isEmpty())
        return {};
    QByteArray raw = std::move(m_chunk);
    m_chunk = QByteArray();
    m_chunk.reserve(kChunkSize);
    if (m_background)
        m_background->add(raw); // shared with the compressor, which only reads it too
    if (m_chunkSink)
        return m_chunkSink(m_blobId, m_chunkNo++, std::move(raw));
    return insertChunk(m_db, m_blobId, m_chunkNo++, blobcodec::encode(std::move(raw)));
}

Status BlobTee::insertChunk(sql::Database& db, qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored)
{
    sql::Statement* insert =
        db.prepare("INSERT INTO blob_chunks (blob, chunk, bytes, codec, raw_size) VALUES (?, ?, ?, ?, ?)");
    if (!insert)
        return db.lastError();
    insert->bind(1, blob).bind(2, chunk).bind(3, QByteArrayView(stored.bytes));
    insert->bind(4, qint64(stored.codec)).bind(5, stored.rawSize);
    return insert->exec();
}

Result<qint64> BlobTee::finish()
{
    if (m_failed)
        return m_error;
    QByteArray rest(kChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = readData(rest.data(), rest.size());
        if (n <= 0)
            break;
    }
    if (m_failed)
        return m_error;
    if (m_store) {
        if (Status s = storeChunk(); !s)
            return s.error();
    }
    QIODevice::close();
    m_file.close();
    const QByteArray digest = m_background ? m_background->finish() : m_hasher.finish();
    if (m_total != m_expectedSize || digest != m_expected)
        return Error(m_relative,
            QStringLiteral("changed while it was imported: its bytes no longer match the "
                           "verified digest; import it again"));
    return m_blobId;
}

} // namespace capaudit
