// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/bundlemodel.h"

#include "models/iconprovider.h"

#include <QBrush>
#include <QColor>

namespace capaudit {

namespace {

// The table shows the signer's common name; the full distinguished name is in the tooltip and the detail pane.
QString commonName(const QString& subject)
{
    for (const QString& part : subject.split(QLatin1Char(','))) {
        const QString p = part.trimmed();
        if (p.startsWith(QLatin1String("CN="), Qt::CaseInsensitive))
            return p.mid(3);
    }
    return subject;
}

} // namespace

BundleModel::BundleModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BundleModel::setBundles(const QList<StoredBundle>& bundles)
{
    beginResetModel();
    m_bundles = bundles;
    endResetModel();
}

int BundleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_bundles.size());
}

int BundleModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BundleModel::verdictText(VerdictKind verdict)
{
    switch (verdict) {
    case VerdictKind::Verified:
        return tr("Verified");
    case VerdictKind::Untrusted:
        return tr("Untrusted");
    case VerdictKind::Rejected:
        return tr("Rejected");
    }
    return {};
}

QString BundleModel::kindText(BundleKind kind)
{
    switch (kind) {
    case BundleKind::Telemetry:
        return tr("Telemetry");
    case BundleKind::Attestation:
        return tr("Attestation");
    case BundleKind::Billing:
        return tr("Billing");
    case BundleKind::Invoice:
        return tr("Invoice");
    case BundleKind::Unknown:
        break;
    }
    return tr("Unknown");
}

QVariant BundleModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StoredBundle& b = m_bundles.at(index.row());
    switch (role) {
    case BundleIdRole:
        return b.id;
    case DigestRole:
        return b.digest;
    case VerdictRole:
        return int(b.verdict);
    case KindRole:
        return int(b.kind);
    case FilterTextRole:
        return QStringList { kindText(b.kind), b.provider, b.signerSubject, b.signerFingerprint, b.signerAlgorithm,
            b.signingTime, verdictText(b.verdict), b.digest, b.sourcePath }
            .join(QLatin1Char('\n'));
    case Qt::DecorationRole:
        if (index.column() == VerdictColumn)
            return IconProvider::verdictIcon(b.verdict);
        return {};
    case Qt::ToolTipRole:
        if (index.column() == DigestColumn || index.column() == FingerprintColumn)
            return data(index, Qt::DisplayRole);
        if (index.column() == VerdictColumn)
            return b.details.summary();
        if (index.column() == SignerColumn)
            return b.signerSubject;
        return b.sourcePath;
    case Qt::ForegroundRole:
        if (index.column() == VerdictColumn && b.untrusted())
            return QBrush(QColor(0xb3, 0x5c, 0x00));
        return {};
    case SortRole:
    case Qt::DisplayRole:
        switch (Columns(index.column())) {
        case KindColumn:
            return kindText(b.kind);
        case ProviderColumn:
            return b.meter == QLatin1String("independent") ? tr("%1 (independent meter)").arg(b.provider) : b.provider;
        case SignerColumn:
            return role == SortRole ? b.signerSubject : commonName(b.signerSubject);
        case FingerprintColumn:
            return role == SortRole ? b.signerFingerprint : b.signerFingerprint.left(16);
        case AlgorithmColumn:
            return b.signerAlgorithm;
        case SigningTimeColumn:
            // "2026-10-01T02:00:00.000Z" shown as "2026-10-01 02:00:00Z"; sorting uses the stored text.
            if (role == SortRole)
                return b.signingTime;
            return QString(b.signingTime).replace(QLatin1Char('T'), QLatin1Char(' ')).remove(QLatin1String(".000"));
        case VerdictColumn:
            return role == SortRole ? QVariant(int(b.verdict)) : QVariant(verdictText(b.verdict));
        case DigestColumn:
            return role == SortRole ? b.digest : b.digest.left(16);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant BundleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Columns(section)) {
    case KindColumn:
        return tr("Kind");
    case ProviderColumn:
        return tr("Provider");
    case SignerColumn:
        return tr("Signer");
    case FingerprintColumn:
        return tr("Key fingerprint");
    case AlgorithmColumn:
        return tr("Algorithm");
    case SigningTimeColumn:
        return tr("Signing time");
    case VerdictColumn:
        return tr("Verdict");
    case DigestColumn:
        return tr("SHA-256");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
