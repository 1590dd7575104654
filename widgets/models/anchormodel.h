// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/casestore.h"

#include <QAbstractTableModel>

namespace capaudit {

// The trust anchors of a case; removed anchors stay listed (greyed) when the caller includes them.
class AnchorModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns {
        LabelColumn = 0,
        RoleColumn = 1,
        ScopeColumn = 2, // the providers the anchor may speak for, and a pinned keyless identity
        KindColumn = 3,
        SubjectColumn = 4,
        FingerprintColumn = 5,
        ValidFromColumn = 6,
        ValidToColumn = 7,
        StatusColumn = 8,
        ColumnCount = 9
    };
    enum Roles {
        FingerprintRole = Qt::UserRole,
        ActiveRole, // bool
        AnchorIdRole,
    };

    explicit AnchorModel(QObject* parent = nullptr);

    void setAnchors(const QList<CaseAnchor>& anchors);
    const CaseAnchor& anchor(int row) const
    {
        return m_anchors.at(row);
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindText(TrustAnchor::Kind kind);
    // "Aurora Compute, Borealis" / "none" / "" (log keys and CRLs speak for no provider), plus a pinned identity.
    static QString scopeText(const TrustAnchor& anchor);

private:
    QList<CaseAnchor> m_anchors;
    QStringList m_kinds; // per row
};

} // namespace capaudit
