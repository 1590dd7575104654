// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QString>

namespace capaudit {

// Packs the directory bundle SOURCEDIR into ARCHIVEPATH, format by extension (.tar, .tar.gz, .tgz, .zip,
// .capbundle). Deterministic, so the same tree always gives the same bytes: entries sorted by UTF-8 path, directory
// entries before their contents, mtime 0, uid/gid 0, no owner names, mode 0644 for files and 0755 for directories,
// no gzip timestamp. The source is read with the same rules as BundleSource (no symlinks or special files).
// The archive is written to a temporary file and renamed into place: a failure leaves no partial archive.
Status writeBundleArchive(const QString& sourceDir, const QString& archivePath);

} // namespace capaudit
