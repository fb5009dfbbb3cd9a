//! The vendor's string enums, read without ever failing on a value this version does not know.

/// An enum of the vendor's JSON strings: each variant reads its name and any aliases the API
/// also prints, and always writes its canonical name; an unknown value is kept as it is.
macro_rules! open_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $json:literal $(| $alias:literal)*,)* }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($variant,)*
            /// A value this version of the console does not know yet.
            Unknown(String),
        }
        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($json $(| $alias)* => $name::$variant,)*
                    _ => $name::Unknown(s),
                }
            }
        }
        impl From<$name> for String {
            fn from(v: $name) -> String {
                match v {
                    $($name::$variant => $json.to_string(),)*
                    $name::Unknown(s) => s,
                }
            }
        }
    };
}

pub(crate) use open_enum;
