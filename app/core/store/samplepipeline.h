// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"
#include "store/blobcodec.h"
#include "util/result.h"

#include <functional>

namespace capaudit {

class BlobTee;

// Imports one telemetry payload on two threads: a worker reads, hashes and parses the file (through the BlobTee) and
// hands the samples over in batches; the calling thread, which owns the SQLite connection, stores the file's chunks
// and feeds the samples to TARGET (rows digest, sample blocks, rollups, node-hour aggregates). Each chunk is
// compressed by whichever side has time: a native CSV's samples keep the storing thread busy, an exporter's text
// keeps the parser busy (docs/performance.md). Parsing then overlaps with storing instead of adding to it. The
// hand-over queue is bounded, so memory stays flat whatever the file size.
struct SamplePipeline {
    using Parse = std::function<Status(QIODevice& in, UsageSink& sink)>;
    using StoreChunk = std::function<Status(qint64 blob, qint64 chunk, const blobcodec::StoredChunk& stored)>;
    using Progress = std::function<void(qint64 bytesRead)>;

    // Runs PARSE over TEE (started) and then TEE.finish(); returns the blob id, or the first error of either thread.
    // An error on the calling thread (a failed insert, a cancel reported by TARGET) stops the parser promptly.
    static Result<qint64> run(
        BlobTee& tee, const Parse& parse, UsageSink& target, const StoreChunk& storeChunk, const Progress& progress);
};

} // namespace capaudit
