// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "store/blobcodec.h"
#include "util/result.h"

#include <QByteArrayView>

#include <span>
#include <vector>

namespace capaudit {

// One stored telemetry sample with its dictionary ids, exactly the columns of the schema-1 samples table. Missing
// quantities are kMissing (NULL in the row layout).
struct StoredSample {
    qint64 seq = 0;
    qint64 payload = 0;
    qint64 line = 0;
    qint64 time = 0;
    qint64 provider = 0;
    qint64 node = 0;
    qint64 resource = 0;
    qint64 tenant = 0; // 0: a node-level row
    qint64 state = 0;
    double allocated = kMissing;
    double used = kMissing;
    double capacity = kMissing;
};

namespace sampleblocks {

// Rows per block. Large enough that zstd finds the repetition across scrapes, small enough that a raw-level fetch of a
// few hours decodes little it does not need, and that the worst-case raw block (about 100 bytes a row) stays below
// blobcodec::kMaxChunk.
inline constexpr qint64 kMaxRows = 8192;
// Version byte at the start of every raw block.
inline constexpr quint8 kFormat = 1;

// ROWS (consecutive seqs of one bundle, at most kMaxRows) as one stored block: columns, integers delta- and
// varint-coded, quantities byte-shuffled, then one zstd frame (blobcodec). Thread-safe.
blobcodec::StoredChunk encode(qint64 bundle, std::span<const StoredSample> rows);

// Decodes the raw bytes of the block stored at (BUNDLE, FIRSTSEQ..LASTSEQ) into OUT (replaced). Every field is
// checked against the row that holds it: a block moved to another bundle or position, or cut, padded or corrupted,
// fails with the reason.
Status decode(QByteArrayView raw, qint64 bundle, qint64 firstSeq, qint64 lastSeq, std::vector<StoredSample>& out);

} // namespace sampleblocks
} // namespace capaudit
