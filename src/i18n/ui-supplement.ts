/**
 * Phrases the sign-in pages need beyond `@logto/phrases-ui` 1.2 (which left API errors to the
 * server's messages): API errors in the visitor's words, the unknown-session and error pages, and
 * the demo app. In the nine languages of Logto 1.0’s pages; others fall back to English. They are part of
 * the built-in translation, so custom phrases can override them like any other key.
 */
type Supplement = {
  error: Record<
    | 'invalid_credentials'
    | 'account_not_found'
    | 'account_suspended'
    | 'too_many_attempts'
    | 'passcode_expired'
    | 'passcode_too_many_tries'
    | 'method_not_enabled'
    | 'not_allowed'
    | 'same_password'
    | 'exists_in_profile'
    | 'identity_in_use'
    | 'email_in_use'
    | 'phone_in_use'
    | 'flow_out_of_order'
    | 'invalid_input'
    | 'network'
    | 'something_went_wrong',
    string
  >;
  description: Record<'session_expired' | 'back_to_app' | 'redirecting' | 'error_code', string>;
  demo_app: Record<'title' | 'intro' | 'signed_in_as' | 'claims' | 'sign_in' | 'sign_out', string>;
};

const en: Supplement = {
  error: {
    account_not_found: 'There is no account with this email or phone number.',
    invalid_credentials: 'The account or password is incorrect.',
    account_suspended: 'This account is suspended. Please contact the administrator.',
    too_many_attempts: 'Too many attempts. Please wait a few minutes and try again.',
    passcode_expired: 'The verification code has expired. Please request a new one.',
    passcode_too_many_tries: 'Too many wrong codes. Please request a new one.',
    method_not_enabled: 'This sign-in method is not enabled.',
    not_allowed: 'This is not available here.',
    same_password: 'The new password must be different from the current one.',
    exists_in_profile: 'Your account already has this information.',
    identity_in_use: 'This social account is already linked to another account.',
    email_in_use: 'This email is already used by another account.',
    phone_in_use: 'This phone number is already used by another account.',
    flow_out_of_order: 'The sign-in steps got out of order. Please start again.',
    invalid_input: 'Please check what you entered.',
    network: 'The server cannot be reached. Check your connection and try again.',
    something_went_wrong: 'Something went wrong',
  },
  description: {
    session_expired: 'This sign-in has expired',
    back_to_app: 'Back to the application',
    redirecting: 'Redirecting…',
    error_code: 'Error code: {{code}}',
  },
  demo_app: {
    title: 'Live preview',
    intro: 'Sign in to see what an application learns about you.',
    signed_in_as: 'Signed in as {{name}}',
    claims: 'Your claims',
    sign_in: 'Sign in',
    sign_out: 'Sign out',
  },
};

const de: Supplement = {
  error: {
    account_not_found: 'Es gibt kein Konto mit dieser E-Mail-Adresse oder Telefonnummer.',
    invalid_credentials: 'Konto oder Passwort ist falsch.',
    account_suspended: 'Dieses Konto ist gesperrt. Bitte wende dich an die Administration.',
    too_many_attempts: 'Zu viele Versuche. Bitte warte einige Minuten und versuche es erneut.',
    passcode_expired: 'Der Bestätigungscode ist abgelaufen. Bitte fordere einen neuen an.',
    passcode_too_many_tries: 'Zu viele falsche Codes. Bitte fordere einen neuen an.',
    method_not_enabled: 'Diese Anmeldemethode ist nicht aktiviert.',
    not_allowed: 'Das ist hier nicht möglich.',
    same_password: 'Das neue Passwort muss sich vom aktuellen unterscheiden.',
    exists_in_profile: 'Dein Konto hat diese Angabe bereits.',
    identity_in_use: 'Dieses Social-Konto ist bereits mit einem anderen Konto verknüpft.',
    email_in_use: 'Diese E-Mail-Adresse wird bereits von einem anderen Konto verwendet.',
    phone_in_use: 'Diese Telefonnummer wird bereits von einem anderen Konto verwendet.',
    flow_out_of_order: 'Die Anmeldeschritte sind durcheinandergeraten. Bitte beginne von vorn.',
    invalid_input: 'Bitte überprüfe deine Eingabe.',
    network: 'Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
    something_went_wrong: 'Etwas ist schiefgelaufen',
  },
  description: {
    session_expired: 'Diese Anmeldung ist abgelaufen',
    back_to_app: 'Zurück zur Anwendung',
    redirecting: 'Weiterleitung …',
    error_code: 'Fehlercode: {{code}}',
  },
  demo_app: {
    title: 'Live-Vorschau',
    intro: 'Melde dich an, um zu sehen, was eine Anwendung über dich erfährt.',
    signed_in_as: 'Angemeldet als {{name}}',
    claims: 'Deine Claims',
    sign_in: 'Anmelden',
    sign_out: 'Abmelden',
  },
};

const fr: Supplement = {
  error: {
    account_not_found: 'Aucun compte n’existe avec cette adresse e-mail ou ce numéro de téléphone.',
    invalid_credentials: 'Le compte ou le mot de passe est incorrect.',
    account_suspended: 'Ce compte est suspendu. Veuillez contacter l’administrateur.',
    too_many_attempts: 'Trop de tentatives. Veuillez patienter quelques minutes avant de réessayer.',
    passcode_expired: 'Le code de vérification a expiré. Veuillez en demander un nouveau.',
    passcode_too_many_tries: 'Trop de codes erronés. Veuillez en demander un nouveau.',
    method_not_enabled: 'Cette méthode de connexion n’est pas activée.',
    not_allowed: 'Cette action n’est pas disponible ici.',
    same_password: 'Le nouveau mot de passe doit être différent de l’actuel.',
    exists_in_profile: 'Votre compte contient déjà cette information.',
    identity_in_use: 'Ce compte social est déjà lié à un autre compte.',
    email_in_use: 'Cette adresse e-mail est déjà utilisée par un autre compte.',
    phone_in_use: 'Ce numéro de téléphone est déjà utilisé par un autre compte.',
    flow_out_of_order: 'Les étapes de connexion se sont mélangées. Veuillez recommencer.',
    invalid_input: 'Veuillez vérifier votre saisie.',
    network: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    something_went_wrong: 'Une erreur est survenue',
  },
  description: {
    session_expired: 'Cette connexion a expiré',
    back_to_app: 'Retour à l’application',
    redirecting: 'Redirection…',
    error_code: 'Code d’erreur : {{code}}',
  },
  demo_app: {
    title: 'Aperçu en direct',
    intro: 'Connectez-vous pour voir ce qu’une application apprend sur vous.',
    signed_in_as: 'Connecté en tant que {{name}}',
    claims: 'Vos claims',
    sign_in: 'Se connecter',
    sign_out: 'Se déconnecter',
  },
};

const ko: Supplement = {
  error: {
    account_not_found: '이 이메일 또는 전화번호로 등록된 계정이 없습니다.',
    invalid_credentials: '계정 또는 비밀번호가 올바르지 않습니다.',
    account_suspended: '정지된 계정입니다. 관리자에게 문의해 주세요.',
    too_many_attempts: '시도 횟수가 너무 많습니다. 몇 분 후에 다시 시도해 주세요.',
    passcode_expired: '인증 코드가 만료되었습니다. 새 코드를 요청해 주세요.',
    passcode_too_many_tries: '잘못된 코드를 너무 많이 입력했습니다. 새 코드를 요청해 주세요.',
    method_not_enabled: '사용할 수 없는 로그인 방법입니다.',
    not_allowed: '여기에서는 사용할 수 없습니다.',
    same_password: '새 비밀번호는 현재 비밀번호와 달라야 합니다.',
    exists_in_profile: '계정에 이미 이 정보가 있습니다.',
    identity_in_use: '이 소셜 계정은 이미 다른 계정에 연결되어 있습니다.',
    email_in_use: '이 이메일은 이미 다른 계정에서 사용 중입니다.',
    phone_in_use: '이 전화번호는 이미 다른 계정에서 사용 중입니다.',
    flow_out_of_order: '로그인 단계의 순서가 맞지 않습니다. 처음부터 다시 시작해 주세요.',
    invalid_input: '입력한 내용을 확인해 주세요.',
    network: '서버에 연결할 수 없습니다. 네트워크 연결을 확인하고 다시 시도해 주세요.',
    something_went_wrong: '문제가 발생했습니다',
  },
  description: {
    session_expired: '로그인 세션이 만료되었습니다',
    back_to_app: '애플리케이션으로 돌아가기',
    redirecting: '이동 중…',
    error_code: '오류 코드: {{code}}',
  },
  demo_app: {
    title: '실시간 미리보기',
    intro: '로그인하여 애플리케이션이 받는 정보를 확인하세요.',
    signed_in_as: '{{name}}(으)로 로그인됨',
    claims: '클레임',
    sign_in: '로그인',
    sign_out: '로그아웃',
  },
};

const ptBR: Supplement = {
  error: {
    account_not_found: 'Não há conta com este e-mail ou número de telefone.',
    invalid_credentials: 'A conta ou a senha está incorreta.',
    account_suspended: 'Esta conta está suspensa. Entre em contato com o administrador.',
    too_many_attempts: 'Muitas tentativas. Aguarde alguns minutos e tente novamente.',
    passcode_expired: 'O código de verificação expirou. Solicite um novo.',
    passcode_too_many_tries: 'Muitos códigos incorretos. Solicite um novo.',
    method_not_enabled: 'Este método de login não está habilitado.',
    not_allowed: 'Isso não está disponível aqui.',
    same_password: 'A nova senha deve ser diferente da atual.',
    exists_in_profile: 'Sua conta já tem esta informação.',
    identity_in_use: 'Esta conta social já está vinculada a outra conta.',
    email_in_use: 'Este e-mail já é usado por outra conta.',
    phone_in_use: 'Este número de telefone já é usado por outra conta.',
    flow_out_of_order: 'As etapas do login saíram de ordem. Comece novamente.',
    invalid_input: 'Verifique o que você digitou.',
    network: 'Não foi possível conectar ao servidor. Verifique sua conexão e tente novamente.',
    something_went_wrong: 'Algo deu errado',
  },
  description: {
    session_expired: 'Este login expirou',
    back_to_app: 'Voltar ao aplicativo',
    redirecting: 'Redirecionando…',
    error_code: 'Código do erro: {{code}}',
  },
  demo_app: {
    title: 'Pré-visualização ao vivo',
    intro: 'Faça login para ver o que um aplicativo fica sabendo sobre você.',
    signed_in_as: 'Conectado como {{name}}',
    claims: 'Suas claims',
    sign_in: 'Entrar',
    sign_out: 'Sair',
  },
};

const ptPT: Supplement = {
  error: {
    ...ptBR.error,
    account_not_found: 'Não existe nenhuma conta com este email ou número de telemóvel.',
    invalid_credentials: 'A conta ou a palavra-passe está incorreta.',
    account_suspended: 'Esta conta está suspensa. Contacte o administrador.',
    too_many_attempts: 'Demasiadas tentativas. Aguarde alguns minutos e tente novamente.',
    passcode_expired: 'O código de verificação expirou. Peça um novo.',
    passcode_too_many_tries: 'Demasiados códigos errados. Peça um novo.',
    method_not_enabled: 'Este método de início de sessão não está ativado.',
    same_password: 'A nova palavra-passe tem de ser diferente da atual.',
    identity_in_use: 'Esta conta social já está associada a outra conta.',
    email_in_use: 'Este email já é utilizado por outra conta.',
    phone_in_use: 'Este número de telemóvel já é utilizado por outra conta.',
    flow_out_of_order: 'Os passos de início de sessão ficaram fora de ordem. Comece de novo.',
    invalid_input: 'Verifique o que introduziu.',
    network: 'Não é possível contactar o servidor. Verifique a ligação e tente novamente.',
  },
  description: {
    session_expired: 'Este início de sessão expirou',
    back_to_app: 'Voltar à aplicação',
    redirecting: 'A redirecionar…',
    error_code: 'Código de erro: {{code}}',
  },
  demo_app: {
    title: 'Pré-visualização em direto',
    intro: 'Inicie sessão para ver o que uma aplicação fica a saber sobre si.',
    signed_in_as: 'Sessão iniciada como {{name}}',
    claims: 'As suas claims',
    sign_in: 'Iniciar sessão',
    sign_out: 'Terminar sessão',
  },
};

const tr: Supplement = {
  error: {
    account_not_found: 'Bu e-posta adresi veya telefon numarasıyla kayıtlı bir hesap yok.',
    invalid_credentials: 'Hesap veya şifre hatalı.',
    account_suspended: 'Bu hesap askıya alındı. Lütfen yöneticiyle iletişime geçin.',
    too_many_attempts: 'Çok fazla deneme yapıldı. Lütfen birkaç dakika bekleyip tekrar deneyin.',
    passcode_expired: 'Doğrulama kodunun süresi doldu. Lütfen yeni bir kod isteyin.',
    passcode_too_many_tries: 'Çok fazla hatalı kod girildi. Lütfen yeni bir kod isteyin.',
    method_not_enabled: 'Bu oturum açma yöntemi etkin değil.',
    not_allowed: 'Bu işlem burada kullanılamaz.',
    same_password: 'Yeni şifre mevcut şifreden farklı olmalıdır.',
    exists_in_profile: 'Hesabınızda bu bilgi zaten var.',
    identity_in_use: 'Bu sosyal hesap zaten başka bir hesaba bağlı.',
    email_in_use: 'Bu e-posta adresi başka bir hesap tarafından kullanılıyor.',
    phone_in_use: 'Bu telefon numarası başka bir hesap tarafından kullanılıyor.',
    flow_out_of_order: 'Oturum açma adımları karıştı. Lütfen baştan başlayın.',
    invalid_input: 'Lütfen girdiğiniz bilgileri kontrol edin.',
    network: 'Sunucuya ulaşılamıyor. Bağlantınızı kontrol edip tekrar deneyin.',
    something_went_wrong: 'Bir sorun oluştu',
  },
  description: {
    session_expired: 'Bu oturum açma işleminin süresi doldu',
    back_to_app: 'Uygulamaya dön',
    redirecting: 'Yönlendiriliyor…',
    error_code: 'Hata kodu: {{code}}',
  },
  demo_app: {
    title: 'Canlı önizleme',
    intro: 'Bir uygulamanın sizin hakkınızda ne öğrendiğini görmek için oturum açın.',
    signed_in_as: '{{name}} olarak oturum açıldı',
    claims: 'Claim’leriniz',
    sign_in: 'Oturum aç',
    sign_out: 'Oturumu kapat',
  },
};

const zhCN: Supplement = {
  error: {
    account_not_found: '没有使用该邮箱或手机号的账号。',
    invalid_credentials: '账号或密码错误。',
    account_suspended: '该账号已被停用，请联系管理员。',
    too_many_attempts: '尝试次数过多，请几分钟后再试。',
    passcode_expired: '验证码已过期，请重新获取。',
    passcode_too_many_tries: '验证码错误次数过多，请重新获取。',
    method_not_enabled: '该登录方式未启用。',
    not_allowed: '此处不支持该操作。',
    same_password: '新密码不能与当前密码相同。',
    exists_in_profile: '你的账号已有该信息。',
    identity_in_use: '该社交账号已绑定其他账号。',
    email_in_use: '该邮箱已被其他账号使用。',
    phone_in_use: '该手机号已被其他账号使用。',
    flow_out_of_order: '登录步骤顺序有误，请重新开始。',
    invalid_input: '请检查你输入的内容。',
    network: '无法连接服务器，请检查网络后重试。',
    something_went_wrong: '出错了',
  },
  description: {
    session_expired: '本次登录已过期',
    back_to_app: '返回应用',
    redirecting: '正在跳转…',
    error_code: '错误代码：{{code}}',
  },
  demo_app: {
    title: '实时预览',
    intro: '登录后即可查看应用能获取到的你的信息。',
    signed_in_as: '已登录：{{name}}',
    claims: '你的 claims',
    sign_in: '登录',
    sign_out: '退出登录',
  },
};

const ru: Supplement = {
  error: {
    invalid_credentials: 'Неверная учётная запись или пароль.',
    account_not_found: 'Нет учётной записи с таким адресом электронной почты или номером телефона.',
    account_suspended: 'Эта учётная запись заблокирована. Обратитесь к администратору.',
    too_many_attempts: 'Слишком много попыток. Подождите несколько минут и попробуйте снова.',
    passcode_expired: 'Срок действия кода подтверждения истёк. Запросите новый код.',
    passcode_too_many_tries: 'Слишком много неверных кодов. Запросите новый код.',
    method_not_enabled: 'Этот способ входа не включён.',
    not_allowed: 'Здесь это недоступно.',
    same_password: 'Новый пароль должен отличаться от текущего.',
    exists_in_profile: 'В вашей учётной записи эти данные уже есть.',
    identity_in_use: 'Эта учётная запись соцсети уже связана с другой учётной записью.',
    email_in_use: 'Этот адрес электронной почты уже используется другой учётной записью.',
    phone_in_use: 'Этот номер телефона уже используется другой учётной записью.',
    flow_out_of_order: 'Шаги входа выполнены не по порядку. Начните заново.',
    invalid_input: 'Проверьте введённые данные.',
    network: 'Сервер недоступен. Проверьте подключение и попробуйте снова.',
    something_went_wrong: 'Что-то пошло не так',
  },
  description: {
    session_expired: 'Срок действия этого входа истёк',
    back_to_app: 'Вернуться в приложение',
    redirecting: 'Перенаправление…',
    error_code: 'Код ошибки: {{code}}',
  },
  demo_app: {
    title: 'Предпросмотр',
    intro: 'Войдите, чтобы увидеть, что приложение узнаёт о вас.',
    signed_in_as: 'Вы вошли как {{name}}',
    claims: 'Ваши claims',
    sign_in: 'Войти',
    sign_out: 'Выйти',
  },
};

export const uiSupplement: Record<string, Supplement> = {
  en,
  de,
  fr,
  ko,
  'pt-BR': ptBR,
  'pt-PT': ptPT,
  'tr-TR': tr,
  'zh-CN': zhCN,
  ru,
};
