//! Statements with their parameters given at once, as a tuple: `db::query_as(SQL, (a, b))`
//! instead of one `.bind()` line a value. The values are encoded in order, as `$1, $2…`;
//! the statement then runs on any executor, exactly as a query built with `bind`.

use sqlx::any::{Any, AnyArguments, AnyRow};
use sqlx::encode::Encode;
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::{FromRow, SqlSafeStr, Type};

/// The parameters of one statement, in order: a tuple such as `(id,)` or `(name, id)`.
/// Binding goes through sqlx's own `bind`, so an encoding error surfaces when it runs.
pub trait Params<'q> {
    fn bind(self, q: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments>;
    fn bind_as<T>(self, q: QueryAs<'q, Any, T, AnyArguments>) -> QueryAs<'q, Any, T, AnyArguments>;
    fn bind_scalar<T>(
        self,
        q: QueryScalar<'q, Any, T, AnyArguments>,
    ) -> QueryScalar<'q, Any, T, AnyArguments>;
}

/// No parameters.
impl<'q> Params<'q> for () {
    fn bind(self, q: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments> {
        q
    }
    fn bind_as<T>(self, q: QueryAs<'q, Any, T, AnyArguments>) -> QueryAs<'q, Any, T, AnyArguments> {
        q
    }
    fn bind_scalar<T>(
        self,
        q: QueryScalar<'q, Any, T, AnyArguments>,
    ) -> QueryScalar<'q, Any, T, AnyArguments> {
        q
    }
}

macro_rules! tuple_params {
    ($($p:ident . $i:tt),+) => {
        impl<'q, $($p: 'q + Encode<'q, Any> + Type<Any>),+> Params<'q> for ($($p,)+) {
            fn bind(self, q: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments> {
                q$(.bind(self.$i))+
            }
            fn bind_as<T>(
                self,
                q: QueryAs<'q, Any, T, AnyArguments>,
            ) -> QueryAs<'q, Any, T, AnyArguments> {
                q$(.bind(self.$i))+
            }
            fn bind_scalar<T>(
                self,
                q: QueryScalar<'q, Any, T, AnyArguments>,
            ) -> QueryScalar<'q, Any, T, AnyArguments> {
                q$(.bind(self.$i))+
            }
        }
    };
}

tuple_params!(A.0);
tuple_params!(A.0, B.1);
tuple_params!(A.0, B.1, C.2);
tuple_params!(A.0, B.1, C.2, D.3);
tuple_params!(A.0, B.1, C.2, D.3, E.4);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5, G.6);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10);
tuple_params!(A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11);
tuple_params!(
    A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11, M.12
);
tuple_params!(
    A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11, M.12, N.13
);
tuple_params!(
    A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11, M.12, N.13, O.14
);
tuple_params!(
    A.0, B.1, C.2, D.3, E.4, F.5, G.6, H.7, I.8, J.9, K.10, L.11, M.12, N.13, O.14, P.15
);

/// A statement that returns no rows (or whose rows are read as `AnyRow`).
pub fn query<'q>(sql: impl SqlSafeStr, params: impl Params<'q>) -> Query<'q, Any, AnyArguments> {
    params.bind(sqlx::query(sql))
}

/// A statement whose rows decode as `T`.
pub fn query_as<'q, T>(
    sql: impl SqlSafeStr,
    params: impl Params<'q>,
) -> QueryAs<'q, Any, T, AnyArguments>
where
    T: for<'r> FromRow<'r, AnyRow>,
{
    params.bind_as(sqlx::query_as(sql))
}

/// A statement whose rows are one column of type `T`.
pub fn query_scalar<'q, T>(
    sql: impl SqlSafeStr,
    params: impl Params<'q>,
) -> QueryScalar<'q, Any, T, AnyArguments>
where
    (T,): for<'r> FromRow<'r, AnyRow>,
{
    params.bind_scalar(sqlx::query_scalar(sql))
}

/// The usual way to read: a statement and its parameters, run on the pool, rows decoded as
/// `T`. (In a transaction, use `query_as(…).fetch_…(&mut *tx)`.)
impl super::Db {
    /// Every row.
    pub async fn all<'q, T>(
        &self,
        sql: impl SqlSafeStr,
        params: impl Params<'q>,
    ) -> anyhow::Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        Ok(query_as(sql, params).fetch_all(&self.pool).await?)
    }

    /// The first row, if any.
    pub async fn optional<'q, T>(
        &self,
        sql: impl SqlSafeStr,
        params: impl Params<'q>,
    ) -> anyhow::Result<Option<T>>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        Ok(query_as(sql, params).fetch_optional(&self.pool).await?)
    }

    /// The one row (an error if there is none).
    pub async fn one<'q, T>(
        &self,
        sql: impl SqlSafeStr,
        params: impl Params<'q>,
    ) -> anyhow::Result<T>
    where
        T: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    {
        Ok(query_as(sql, params).fetch_one(&self.pool).await?)
    }
}
