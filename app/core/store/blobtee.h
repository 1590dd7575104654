// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/backgroundhasher.h"
#include "crypto/digest.h"
#include "store/blobcodec.h"
#include "util/result.h"

#include <QFile>
#include <QIODevice>

#include <functional>
#include <memory>

namespace capaudit {

namespace sql {
class Database;
}

// Reads one bundle file and, in the same pass, hashes it and stores it in blobs/blob_chunks (content-addressed,
// chunked so files beyond SQLite's 1 GB value limit fit, each chunk zstd-compressed unless that saves nothing). A
// parser reads the file through this device, so the bytes parsed are exactly the bytes stored and hashed: finish()
// fails when they are not the bytes that were verified.
class BlobTee final : public QIODevice {
public:
    static constexpr qsizetype kChunkSize = blobcodec::kMaxChunk;

    BlobTee(sql::Database& db, QString absolutePath, QString relativePath, QByteArray expectedSha256);
    ~BlobTee() override;

    // Opens the file and finds or creates the blob row. An existing blob is only hashed, not stored again.
    Status start();
    // Reads whatever the parser left, stores the last chunk, checks size and digest. Returns the blob id.
    Result<qint64> finish();
    const QString& relativePath() const
    {
        return m_relative;
    }
    qint64 size() const override
    {
        return m_expectedSize;
    }
    qint64 consumed() const
    {
        return m_total;
    }
    static Status insertChunk(sql::Database& db, qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored);
    // Hands full chunks, raw, to SINK instead of compressing and inserting them: for reading on a thread that must not
    // use the connection (SamplePipeline), which compresses each chunk on whichever of its threads has time. An
    // empty function restores direct inserts.
    using ChunkSink = std::function<Status(qint64 blob, qint64 chunk, QByteArray raw)>;
    void setChunkSink(ChunkSink sink)
    {
        m_chunkSink = std::move(sink);
    }
    bool isSequential() const override
    {
        return true;
    }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override
    {
        return -1;
    }

private:
    Status storeChunk();

    sql::Database& m_db;
    QFile m_file;
    QString m_relative;
    QByteArray m_expected;
    crypto::Hasher m_hasher; // a file stored in one chunk, or one already stored: hashed as it is read
    std::unique_ptr<crypto::BackgroundHasher> m_background; // a file stored in chunks: each chunk hashed aside
    QByteArray m_chunk;
    qint64 m_blobId = 0;
    qint64 m_chunkNo = 0;
    qint64 m_total = 0;
    qint64 m_expectedSize = 0;
    bool m_store = false;
    ChunkSink m_chunkSink;
    Error m_error;
    bool m_failed = false;
};

} // namespace capaudit
