// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/anchormodel.h"

#include "evidence/anchorfile.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>

namespace capaudit {

AnchorModel::AnchorModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void AnchorModel::setAnchors(const QList<CaseAnchor>& anchors)
{
    beginResetModel();
    m_anchors = anchors;
    // A certificate anchor says what it really is: an intermediate, or a leaf added before leaves were refused.
    m_kinds.clear();
    for (const CaseAnchor& a : anchors) {
        const AnchorFileKind file = a.anchor.kind == TrustAnchor::Kind::RootCertificate
            ? classifyAnchorContent(a.anchor.content).kind
            : AnchorFileKind::RootCertificate;
        m_kinds.append(file == AnchorFileKind::IntermediateCertificate ? tr("Intermediate CA certificate")
                : file == AnchorFileKind::LeafCertificate              ? tr("Leaf certificate (not a CA)")
                                                                       : kindText(a.anchor.kind));
    }
    endResetModel();
}

int AnchorModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_anchors.size());
}

int AnchorModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AnchorModel::kindText(TrustAnchor::Kind kind)
{
    switch (kind) {
    case TrustAnchor::Kind::RootCertificate:
        return tr("Root certificate");
    case TrustAnchor::Kind::PinnedKey:
        return tr("Pinned key");
    case TrustAnchor::Kind::RevocationList:
        return tr("Revocation list");
    case TrustAnchor::Kind::LogKey:
        return tr("Log key");
    }
    return {};
}

QString AnchorModel::scopeText(const TrustAnchor& a)
{
    if (a.kind == TrustAnchor::Kind::LogKey || a.kind == TrustAnchor::Kind::RevocationList)
        return {};
    QString text = a.providers.isEmpty() ? tr("none") : a.providers.join(QStringLiteral(", "));
    if (!a.identity.isEmpty())
        text += tr(" · identity %1 (%2)").arg(a.identity.san, a.identity.issuer);
    return text;
}

QVariant AnchorModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaseAnchor& ca = m_anchors.at(index.row());
    const TrustAnchor& a = ca.anchor;
    auto date = [](const QDateTime& t) {
        return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd")) : QString();
    };
    switch (role) {
    case FingerprintRole:
        return a.fingerprint;
    case ActiveRole:
        return ca.active();
    case AnchorIdRole:
        return ca.id;
    case Qt::ForegroundRole:
        return ca.active() ? QVariant()
                           : QVariant(QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text));
    case Qt::ToolTipRole:
        return tr("%1\nfile %2\nfingerprint %3\nrole %4, scope: %5")
            .arg(a.subject, a.fileName, a.fingerprint, a.role.isEmpty() ? tr("none") : a.role,
                scopeText(a).isEmpty() ? tr("n/a") : scopeText(a));
    case Qt::DisplayRole:
        switch (Columns(index.column())) {
        case LabelColumn:
            return a.label.isEmpty() ? a.fileName : a.label;
        case RoleColumn:
            return a.role;
        case ScopeColumn:
            return scopeText(a);
        case KindColumn:
            return m_kinds.value(index.row());
        case SubjectColumn:
            return a.subject;
        case FingerprintColumn:
            return a.fingerprint.left(16);
        case ValidFromColumn:
            return date(a.notBefore);
        case ValidToColumn:
            return date(a.notAfter);
        case StatusColumn:
            return ca.active() ? tr("In force") : tr("Removed (entry %1)").arg(ca.removedSeq);
        case ColumnCount:
            break;
        }
        return {};
    default:
        return {};
    }
}

QVariant AnchorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Columns(section)) {
    case LabelColumn:
        return tr("Label");
    case RoleColumn:
        return tr("Role");
    case ScopeColumn:
        return tr("May speak for");
    case KindColumn:
        return tr("Kind");
    case SubjectColumn:
        return tr("Subject");
    case FingerprintColumn:
        return tr("Fingerprint");
    case ValidFromColumn:
        return tr("Valid from");
    case ValidToColumn:
        return tr("Valid to");
    case StatusColumn:
        return tr("Status");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace capaudit
