//! Values that go into a query string: scalars as text, arrays as one repeated
//! key per element.

use crate::request::Request;

/// A value that can be written into a query string.
pub trait QueryValue {
    /// Appends `name=value` pairs (arrays repeat the key).
    fn write(&self, name: &str, request: &mut Request<'_>);
}

impl QueryValue for str {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, self);
    }
}
impl QueryValue for String {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, self);
    }
}
impl QueryValue for bool {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, if *self { "true" } else { "false" });
    }
}
impl QueryValue for i64 {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, &self.to_string());
    }
}
impl QueryValue for u32 {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, &self.to_string());
    }
}
impl QueryValue for f64 {
    /// Integral values print without `.0` (`10`, not `10.0`).
    fn write(&self, name: &str, request: &mut Request<'_>) {
        request.push_query(name, &self.to_string());
    }
}
impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        (**self).write(name, request);
    }
}
impl<T: QueryValue> QueryValue for Vec<T> {
    fn write(&self, name: &str, request: &mut Request<'_>) {
        for item in self {
            item.write(name, request);
        }
    }
}
