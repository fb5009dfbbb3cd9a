//! A column header that sorts a table by its key (clicked again: the other way round), and
//! tells a screen reader how the column is sorted.

use leptos::prelude::*;

#[component]
pub fn SortHeader<K>(
    sort: RwSignal<(K, bool)>,
    key: K,
    label: &'static str,
    #[prop(optional)] class: &'static str,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
{
    let aria = move || match sort.get() {
        (k, true) if k == key => "ascending",
        (k, false) if k == key => "descending",
        _ => "none",
    };
    let click = move |_| {
        sort.update(|(k, asc)| {
            *asc = *k != key || !*asc;
            *k = key;
        })
    };
    view! {
        <th scope="col" class=class aria-sort=aria>
            <button type="button" class="sort" on:click=click>
                {label}
                <span aria-hidden="true">
                    {move || match aria() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}
