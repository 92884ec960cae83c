//! A small async layer over IndexedDB: requests and transactions as futures.
//!
//! A request's success and error events resolve a JS `Promise` directly (its `resolve` and
//! `reject` functions are the event handlers), so no Rust closure is left behind. The futures
//! continue in the same microtask checkpoint as the event, while the transaction is still
//! active, so a transaction may read, decide and write before it commits.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

/// An IndexedDB failure: the DOMException's name (`QuotaExceededError`, …) and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdbError {
    pub name: String,
    pub message: String,
}

impl IdbError {
    pub fn new(name: &str, message: impl Into<String>) -> IdbError {
        IdbError {
            name: name.to_owned(),
            message: message.into(),
        }
    }

    /// From a thrown value (usually a DOMException).
    pub fn from_js(value: &JsValue) -> IdbError {
        if let Some(dom) = value.dyn_ref::<web_sys::DomException>() {
            return IdbError::new(&dom.name(), dom.message());
        }
        IdbError::new(
            "Error",
            value.as_string().unwrap_or_else(|| {
                js_sys::JSON::stringify(value)
                    .map(String::from)
                    .unwrap_or_default()
            }),
        )
    }

    /// The browser refused to store more: the origin's quota is used up.
    pub fn is_quota(&self) -> bool {
        self.name == "QuotaExceededError" || self.message.to_ascii_lowercase().contains("quota")
    }
}

impl std::fmt::Display for IdbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            f.write_str(&self.name)
        } else {
            write!(f, "{}: {}", self.name, self.message)
        }
    }
}

/// Waits for a request; its result.
pub async fn request(req: &IdbRequest) -> Result<JsValue, IdbError> {
    listen(req.clone()).await
}

/// A request's result, listened for from this call on (not from the first poll, as with
/// [`request`]): requests issued together can then be awaited one after the other without
/// missing an event that fires meanwhile.
pub fn listen(req: IdbRequest) -> impl std::future::Future<Output = Result<JsValue, IdbError>> {
    let promise = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise);
    async move { outcome_of(&req, outcome.await) }
}

fn outcome_of(req: &IdbRequest, outcome: Result<JsValue, JsValue>) -> Result<JsValue, IdbError> {
    req.set_onsuccess(None);
    req.set_onerror(None);
    match outcome {
        Ok(_) => req.result().map_err(|e| IdbError::from_js(&e)),
        Err(_) => Err(req
            .error()
            .ok()
            .flatten()
            .map(|e| IdbError::new(&e.name(), e.message()))
            .unwrap_or_else(|| IdbError::new("UnknownError", "the request failed"))),
    }
}

/// A transaction and the future of its outcome (created together, so an abort is always
/// observed, never an unhandled rejection).
pub struct Tx {
    pub tx: IdbTransaction,
    done: JsFuture,
}

impl Tx {
    /// Opens a transaction over `stores`.
    pub fn new(db: &IdbDatabase, stores: &[&str], write: bool) -> Result<Tx, IdbError> {
        let names = Array::new();
        for s in stores {
            names.push(&JsValue::from_str(s));
        }
        let mode = if write {
            IdbTransactionMode::Readwrite
        } else {
            IdbTransactionMode::Readonly
        };
        let tx = if write {
            // `durability: "strict"`: `complete` fires only once the data is flushed to disk.
            // (Called by name: the options argument is not in web-sys's stable API.)
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"durability".into(), &"strict".into());
            let transaction: js_sys::Function = js_sys::Reflect::get(db, &"transaction".into())
                .map_err(|e| IdbError::from_js(&e))?
                .unchecked_into();
            transaction
                .call3(db, &names, &"readwrite".into(), &options)
                .map_err(|e| IdbError::from_js(&e))?
                .unchecked_into::<IdbTransaction>()
        } else {
            db.transaction_with_str_sequence_and_mode(&names, mode)
                .map_err(|e| IdbError::from_js(&e))?
        };
        let promise = Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onabort(Some(&reject));
        });
        Ok(Tx {
            tx,
            done: JsFuture::from(promise),
        })
    }

    pub fn store(&self, name: &str) -> Result<IdbObjectStore, IdbError> {
        self.tx
            .object_store(name)
            .map_err(|e| IdbError::from_js(&e))
    }

    /// Waits until the transaction has committed (`complete`), or reports why it aborted.
    pub async fn done(self) -> Result<(), IdbError> {
        let outcome = self.done.await;
        self.tx.set_oncomplete(None);
        self.tx.set_onabort(None);
        match outcome {
            Ok(_) => Ok(()),
            Err(_) => Err(self
                .tx
                .error()
                .map(|e| IdbError::new(&e.name(), e.message()))
                .unwrap_or_else(|| IdbError::new("AbortError", "the transaction was aborted"))),
        }
    }

    /// Gives up on the transaction (nothing it wrote is kept).
    pub fn abort(&self) {
        let _ = self.tx.abort();
    }
}

/// Every `(key, value)` of a store (in key order). The requests are issued at once, so a
/// transaction can ask several stores before waiting for the first answer.
pub fn entries(
    store: &IdbObjectStore,
) -> Result<impl std::future::Future<Output = Result<Vec<(JsValue, JsValue)>, IdbError>>, IdbError>
{
    let keys = listen(issued(store.get_all_keys())?);
    let values = listen(issued(store.get_all())?);
    Ok(async move {
        let keys: Array = keys.await?.unchecked_into();
        let values: Array = values.await?.unchecked_into();
        Ok(keys.iter().zip(values.iter()).collect())
    })
}

/// A request that was issued; await it with [`request`].
pub fn issued(result: Result<IdbRequest, JsValue>) -> Result<IdbRequest, IdbError> {
    result.map_err(|e| IdbError::from_js(&e))
}
