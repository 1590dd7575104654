// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>

#include <optional>

namespace capaudit::blobcodec {

// How a blob_chunks row holds its bytes (schema 7's codec column). Rows written before schema 7 are Raw.
enum class Codec : qint64 { Raw = 0, Zstd = 1 };

// zstd level of new chunks. Measured on the demo case's 212 MB of evidence (docs/performance.md, issue 15): level 1
// stores them 22x smaller at ~1.2 GB/s, level 3 is larger there and slower, level 6 saves another 1 MB for 4x the CPU.
inline constexpr int kLevel = 1;
// The largest raw chunk a reader accepts: what BlobTee writes (1 MiB). A stored length or frame above it is refused
// before anything is allocated, so a hostile case file cannot make CapAudit allocate what it declares.
inline constexpr qint64 kMaxChunk = qint64(1) << 20;

// One chunk as it is stored.
struct StoredChunk {
    Codec codec = Codec::Raw;
    qint64 rawSize = 0;
    QByteArray bytes;
};

// Compresses RAW (at most kMaxChunk bytes); keeps it raw when compression does not make it smaller. Thread-safe (one
// compression context per thread), so the parser thread of an import can call it.
StoredChunk encode(QByteArray raw);

// The raw bytes of stored BYTES of CODEC whose raw length is RAWSIZE (null for rows written before schema 7: the
// stored length): BYTES themselves when raw, else decompressed into SCRATCH. Fails, with the reason, on an unknown
// codec, a length above kMaxChunk, a frame whose declared or actual content size is not RAWSIZE, trailing bytes after
// the frame, or a corrupt frame (zstd's content checksum). Thread-safe.
Result<QByteArrayView> decode(QByteArrayView bytes, qint64 codec, std::optional<qint64> rawSize, QByteArray& scratch);

} // namespace capaudit::blobcodec
