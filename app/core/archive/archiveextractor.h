// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "archive/archiveformat.h"
#include "archive/bundletree.h"

namespace capaudit {

// Streams ARCHIVEPATH with libarchive (tar or zip, gzip or no filter, by FORMAT) into DESTFD, an empty private
// directory, hashing every file as it is written. Never uses archive_read_extract: each name is validated and each
// file created with O_CREAT|O_EXCL|O_NOFOLLOW beneath DESTFD. Links, devices, FIFOs, sockets, duplicates, sparse and
// encrypted entries are refused; limits are enforced before each header and each data block, so a bomb stops
// without writing past the budget. Zip and plain tar get a header-only pass first (skipping data is a seek there),
// so header-level problems are found before anything is written. On error DESTFD may hold partial output: the
// caller removes it.
Result<std::vector<TreeFile>> extractArchive(
    const QString& archivePath, ArchiveFormat format, int destFd, const ArchiveLimits& limits);

} // namespace capaudit
