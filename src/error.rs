//! The app's one error type: what went wrong, phrased as what a reader can do about it.

use yuedu_core::DecodeError;

/// Everything that can stop a page from showing. `Clone` so views can hold it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AppError {
    /// The requested article, tag or page does not exist.
    #[error("找不到{what}")]
    NotFound { what: String },
    /// The browser reports no network.
    #[error("网络已断开")]
    Offline,
    /// The request did not finish in time.
    #[error("服务器响应超时")]
    Timeout,
    /// Could not reach the server at all.
    #[error("无法连接服务器：{0}")]
    Network(String),
    /// The server answered with an error status.
    #[error("服务器出错（HTTP {status}）")]
    Server { status: u16 },
    /// The data arrived but is not a usable article or feed.
    #[error("数据有误：{0}")]
    BadData(DecodeError),
}

impl AppError {
    /// A short headline for the error view.
    pub fn headline(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "页面不存在",
            AppError::Offline => "您已离线",
            AppError::Timeout => "加载超时",
            AppError::Network(_) => "网络错误",
            AppError::Server { .. } => "服务器错误",
            AppError::BadData(_) => "数据无法显示",
        }
    }

    /// What the reader can do next.
    pub fn advice(&self) -> &'static str {
        match self {
            AppError::NotFound { .. } => "链接可能有误，或内容已被移除。",
            AppError::Offline => "请连接网络后重试。",
            AppError::Timeout | AppError::Network(_) => "请检查网络后重试。",
            AppError::Server { .. } => "请稍后重试。",
            AppError::BadData(_) => "这份数据已损坏或格式不符，请稍后重试或告知发布方。",
        }
    }

    /// Whether trying again could help (it cannot for a missing page).
    pub fn retryable(&self) -> bool {
        !matches!(self, AppError::NotFound { .. })
    }
}
