<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>static</source>
        <translation>estático</translation>
    </message>
    <message>
        <source>dynamic</source>
        <translation>dinâmico</translation>
    </message>
    <message>
        <source>hybrid</source>
        <translation>híbrido</translation>
    </message>
    <message>
        <source>Orders API ({mode} QR)</source>
        <translation>API de Orders (QR {mode})</translation>
    </message>
    <message>
        <source>in-store QR (the box&apos;s printed QR)</source>
        <translation>QR presencial (o QR impresso do caixa)</translation>
    </message>
    <message>
        <source>not set up yet</source>
        <translation>ainda não configurado</translation>
    </message>
    <message>
        <source>Version: {version}</source>
        <translation>Versão: {version}</translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>Pasta de dados: {path}</translation>
    </message>
    <message>
        <source>Ledger: {path}</source>
        <translation>Registro de vendas: {path}</translation>
    </message>
    <message>
        <source>Settings file: {path}</source>
        <translation>Arquivo de configurações: {path}</translation>
    </message>
    <message>
        <source>Log folder: {path}</source>
        <translation>Pasta de logs: {path}</translation>
    </message>
    <message>
        <source>Mercado Pago user id: {id}</source>
        <translation>ID de usuário do Mercado Pago: {id}</translation>
    </message>
    <message>
        <source>Store: {id}</source>
        <translation>Loja: {id}</translation>
    </message>
    <message>
        <source>Box: {id}</source>
        <translation>Caixa: {id}</translation>
    </message>
    <message>
        <source>API: {api}</source>
        <translation>API: {api}</translation>
    </message>
    <message>
        <source>Demo mode: {on}</source>
        <translation>Modo demonstração: {on}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <source>About pos-app</source>
        <translation>Sobre o pos-app</translation>
    </message>
    <message>
        <source>What your support technician may ask for. It holds no password or token: you can copy it and send it.</source>
        <translation>O que o seu técnico de suporte pode pedir. Não contém nenhuma senha nem token: você pode copiar e enviar.</translation>
    </message>
    <message>
        <source>About this app</source>
        <translation>Sobre este aplicativo</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lendo…</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copiar para a área de transferência</translation>
    </message>
    <message>
        <source>The app&apos;s folders could not be read ({error}).</source>
        <translation>Não foi possível ler as pastas do aplicativo ({error}).</translation>
    </message>
    <message>
        <source>Copied: paste it in your message to your support technician.</source>
        <translation>Copiado: cole na sua mensagem para o seu técnico de suporte.</translation>
    </message>
</context>
<context>
    <name>Account</name>
    <message>
        <source>Paste the access token first.</source>
        <translation>Primeiro cole o token de acesso.</translation>
    </message>
    <message>
        <source>This is the public key, not the access token. On the Credentials page Mercado Pago shows both: copy the longer one labelled “Access token” (it also starts with APP_USR- or TEST-).</source>
        <translation>Esta é a chave pública (Public key), não o token de acesso. Na página de Credenciais o Mercado Pago mostra os dois: copie o mais longo, o que diz “Access token” (ele também começa com APP_USR- ou TEST-).</translation>
    </message>
    <message>
        <source>The token has spaces or line breaks in it: copy it again, in one piece.</source>
        <translation>O token tem espaços ou quebras de linha: copie-o de novo, inteiro e de uma vez.</translation>
    </message>
    <message>
        <source>The token has characters no access token has (accents, symbols, invisible or control characters): copy it again from Mercado Pago, in one piece.</source>
        <translation>O token tem caracteres que nenhum token de acesso tem (acentos, símbolos, caracteres invisíveis ou de controle): copie-o de novo do Mercado Pago, inteiro e de uma só vez.</translation>
    </message>
    <message>
        <source>Mercado Pago did not accept this access token: it is mistyped, or it was revoked or renewed. Copy it again from Your integrations → your application → Credentials.</source>
        <translation>O Mercado Pago não aceitou este token de acesso: ele está digitado errado, ou foi revogado ou renovado. Copie-o de novo em Suas integrações → sua aplicação → Credenciais.</translation>
    </message>
    <message>
        <source>Mercado Pago did not answer in time. Check the internet connection and try again.</source>
        <translation>O Mercado Pago não respondeu a tempo. Verifique a conexão com a internet e tente de novo.</translation>
    </message>
    <message>
        <source>Cannot reach Mercado Pago: this computer seems to be offline (or a firewall blocks it). Check the internet connection and try again. Nothing was saved.</source>
        <translation>Não é possível conectar ao Mercado Pago: este computador parece estar sem conexão (ou um firewall o bloqueia). Verifique a conexão com a internet e tente de novo. Nada foi salvo.</translation>
    </message>
    <message>
        <source>Mercado Pago is having trouble right now. Try again in a minute.</source>
        <translation>O Mercado Pago está com problemas agora. Tente de novo em um minuto.</translation>
    </message>
    <message>
        <source>This account is from a country the app does not support yet ({site}).</source>
        <translation>Esta conta é de um país que o aplicativo ainda não atende ({site}).</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>Paste the access token: APP_USR-…</source>
        <translation>Cole o token de acesso: APP_USR-…</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Show or hide what you pasted</source>
        <translation>Mostrar ou ocultar o que você colou</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <source>Account name:</source>
        <translation>Nome da conta:</translation>
    </message>
    <message>
        <source>User id:</source>
        <translation>ID do usuário:</translation>
    </message>
    <message>
        <source>Country:</source>
        <translation>País:</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Moeda:</translation>
    </message>
    <message>
        <source>Test user:</source>
        <translation>Usuário de teste:</translation>
    </message>
    <message>
        <source>Use the token without saving it</source>
        <translation>Usar o token sem salvá-lo</translation>
    </message>
    <message>
        <source>What the customer sees: Mercado Pago shows your business name and logo from your account (Your profile → Business information). Without them, the customer&apos;s phone shows the first item&apos;s name and picture instead.</source>
        <translation>O que o cliente vê: o Mercado Pago mostra o nome e o logotipo do seu negócio cadastrados na sua conta (Seu perfil → Dados do negócio). Sem eles, o celular do cliente mostra no lugar o nome e a foto do primeiro item.</translation>
    </message>
    <message>
        <source>New access token:</source>
        <translation>Novo token de acesso:</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Token de acesso:</translation>
    </message>
    <message>
        <source>Mercado Pago account</source>
        <translation>Conta do Mercado Pago</translation>
    </message>
    <message>
        <source>Where to find it: in Mercado Pago Developers open Your integrations → your application → Production credentials, and copy the “Access token” (not the “Public key”). Test credentials only simulate payments.</source>
        <translation>Onde encontrá-lo: no Mercado Pago Developers abra Suas integrações → sua aplicação → Credenciais de produção e copie o “Access token” (não a “Public key”). Credenciais de teste apenas simulam pagamentos.</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}). It is used until the app closes and never saved.</source>
        <translation>O Mercado Pago aceitou o novo token (termina em {hint}). Ele é usado até o aplicativo fechar e nunca é salvo.</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}).</source>
        <translation>O Mercado Pago aceitou o novo token (termina em {hint}).</translation>
    </message>
    <message>
        <source>The access token could not be read from this computer&apos;s keyring: it is locked, or did not answer. Unlock it (for example, log in to this computer again) and start the app again; or paste the token below and press “Test connection”.</source>
        <translation>Não foi possível ler o token de acesso do chaveiro deste computador: ele está bloqueado ou não respondeu. Desbloqueie-o (por exemplo, entre de novo na sessão deste computador) e abra o aplicativo de novo; ou cole o token abaixo e clique em “Testar conexão”.</translation>
    </message>
    <message>
        <source>This computer has no password keyring: the token is read from MP_ACCESS_TOKEN each time the app starts.</source>
        <translation>Este computador não tem um chaveiro de senhas: o token é lido de MP_ACCESS_TOKEN toda vez que o aplicativo inicia.</translation>
    </message>
    <message>
        <source>This computer has no password keyring (the safe place where programs keep secrets), so the app cannot remember the access token. You can still use it now: tick the box below, and it works until the app closes (you paste it again next time). To have it remembered, install and unlock a keyring (GNOME Keyring or KWallet) and start the app again; on a kiosk PC, set the MP_ACCESS_TOKEN environment variable instead. The token is never written to a file.</source>
        <translation>Este computador não tem um chaveiro de senhas (o lugar seguro onde os programas guardam segredos), então o aplicativo não consegue lembrar o token de acesso. Você ainda pode usá-lo agora: marque a caixa abaixo, e ele funciona até o aplicativo fechar (na próxima vez você o cola de novo). Para que ele seja lembrado, instale e desbloqueie um chaveiro (GNOME Keyring ou KWallet) e abra o aplicativo de novo; num PC de quiosque, defina em vez disso a variável de ambiente MP_ACCESS_TOKEN. O token nunca é gravado em um arquivo.</translation>
    </message>
    <message>
        <source>The token cannot be saved on this computer (see the message under the token).</source>
        <translation>O token não pode ser salvo neste computador (veja a mensagem abaixo do token).</translation>
    </message>
    <message>
        <source>This token does not work (see the message under the token).</source>
        <translation>Este token não funciona (veja a mensagem abaixo do token).</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}). It is saved in the keyring when you press Next.</source>
        <translation>O Mercado Pago aceitou o novo token (termina em {hint}). Ele é salvo no chaveiro do sistema quando você clicar em Avançar.</translation>
    </message>
    <message>
        <source>Mercado Pago accepted the new token (it ends in {hint}). It is saved in the keyring when you press OK.</source>
        <translation>O Mercado Pago aceitou o novo token (termina em {hint}). Ele é salvo no chaveiro do sistema quando você clicar em OK.</translation>
    </message>
    <message>
        <source>The access token comes from the MP_ACCESS_TOKEN environment variable (it ends in {hint}). It takes precedence over the keyring: to change it, change the variable and restart the app.</source>
        <translation>O token de acesso vem da variável de ambiente MP_ACCESS_TOKEN (termina em {hint}). Ela tem prioridade sobre o chaveiro do sistema: para trocá-lo, altere a variável e reinicie o aplicativo.</translation>
    </message>
    <message>
        <source>Access token: saved, ends in {hint}.</source>
        <translation>Token de acesso: salvo, termina em {hint}.</translation>
    </message>
    <message>
        <source>Access token: in use until the app closes (it ends in {hint}); it could not be saved on this computer.</source>
        <translation>Token de acesso: em uso até o aplicativo fechar (termina em {hint}); não foi possível salvá-lo neste computador.</translation>
    </message>
    <message>
        <source>Access token: given when the app started (demo or command line), ends in {hint}.</source>
        <translation>Token de acesso: informado ao iniciar o aplicativo (demo ou linha de comando), termina em {hint}.</translation>
    </message>
    <message>
        <source>No access token yet: paste it below and press “Test connection”.</source>
        <translation>Ainda não há token de acesso: cole-o abaixo e clique em “Testar conexão”.</translation>
    </message>
    <message>
        <source>Set by MP_ACCESS_TOKEN</source>
        <translation>Definido por MP_ACCESS_TOKEN</translation>
    </message>
    <message>
        <source>Where the token is kept: in this computer&apos;s keyring ({backend}), never in a file.</source>
        <translation>Onde o token fica guardado: no chaveiro do sistema deste computador ({backend}), nunca em um arquivo.</translation>
    </message>
    <message>
        <source>Paste the access token first.</source>
        <translation>Primeiro cole o token de acesso.</translation>
    </message>
    <message>
        <source>Asking Mercado Pago whose token this is…</source>
        <translation>Perguntando ao Mercado Pago de quem é este token…</translation>
    </message>
    <message>
        <source>✔ Mercado Pago accepted the token.</source>
        <translation>✔ O Mercado Pago aceitou o token.</translation>
    </message>
    <message>
        <source>The account this computer uses:</source>
        <translation>A conta que este computador usa:</translation>
    </message>
    <message>
        <source>Yes — payments are simulated, no real money moves.</source>
        <translation>Sim: os pagamentos são simulados, nenhum dinheiro real é movimentado.</translation>
    </message>
    <message>
        <source>No — real payments, real money.</source>
        <translation>Não: pagamentos reais, dinheiro real.</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
    <message>
        <source>Wait for Mercado Pago to answer.</source>
        <translation>Aguarde a resposta do Mercado Pago.</translation>
    </message>
    <message>
        <source>Press “Test connection” to check the new token before saving.</source>
        <translation>Clique em “Testar conexão” para verificar o novo token antes de salvar.</translation>
    </message>
    <message>
        <source>Paste the access token and press “Test connection”.</source>
        <translation>Cole o token de acesso e clique em “Testar conexão”.</translation>
    </message>
    <message>
        <source>Press “Test connection” so Mercado Pago confirms the token.</source>
        <translation>Clique em “Testar conexão” para o Mercado Pago confirmar o token.</translation>
    </message>
    <message>
        <source>This computer cannot save the token: tick “Use the token without saving it” to go on.</source>
        <translation>Este computador não pode salvar o token: marque “Usar o token sem salvá-lo” para continuar.</translation>
    </message>
    <message>
        <source>Not checked yet: press “Test connection” (or Enter).</source>
        <translation>Ainda não verificado: clique em “Testar conexão” (ou Enter).</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The counter app cannot start</source>
        <translation>O aplicativo do caixa não pode iniciar</translation>
    </message>
    <message>
        <source>Almacén Don Pepe (demo)</source>
        <translation>Mercadinho Dona Maria (demo)</translation>
    </message>
    <message>
        <source>Box 1</source>
        <translation>Caixa 1</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>{folder} is not a folder: choose a folder for the backups. No backup was made; the sales are safe in the ledger.</source>
        <translation>{folder} não é uma pasta: escolha uma pasta para os backups. Nenhum backup foi feito; as vendas estão seguras no registro.</translation>
    </message>
    <message>
        <source>The backup folder {folder} is not there (a USB stick not plugged in?). No backup was made; the sales are safe in the ledger.</source>
        <translation>A pasta de backups {folder} não está disponível (um pen drive desconectado?). Nenhum backup foi feito; as vendas estão seguras no registro.</translation>
    </message>
    <message>
        <source>There is no sales ledger to back up yet ({detail}).</source>
        <translation>Ainda não há um registro de vendas para copiar ({detail}).</translation>
    </message>
    <message>
        <source>The sales ledger is damaged ({detail}), so no backup was made (an older backup is worth more now). Run &apos;pos-app ledger recover&apos;.</source>
        <translation>O registro de vendas está danificado ({detail}), então nenhum backup foi feito (um backup anterior vale mais agora). Execute &apos;pos-app ledger recover&apos;.</translation>
    </message>
    <message>
        <source>No backup could be made in {folder} ({detail}). Is it full or read-only? The sales are safe in the ledger.</source>
        <translation>Não foi possível fazer um backup em {folder} ({detail}). Está cheia ou é somente leitura? As vendas estão seguras no registro.</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>The app&apos;s own data folder</source>
        <translation>A pasta de dados do app</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Escolher…</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Fazer backup agora</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>Pasta de backups:</translation>
    </message>
    <message>
        <source>A USB stick or a synced folder (Dropbox, OneDrive...) keeps the sales safe when this computer&apos;s disk dies. Empty: the app&apos;s own data folder.</source>
        <translation>Um pen drive ou uma pasta sincronizada (Dropbox, OneDrive...) mantém as vendas seguras se o disco deste computador falhar. Vazio: a pasta de dados do app.</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Manter:</translation>
    </message>
    <message>
        <source>How many backups the folder keeps (the newest).</source>
        <translation>Quantos backups a pasta mantém (os mais recentes).</translation>
    </message>
    <message>
        <source>Backups of the sales</source>
        <translation>Backups das vendas</translation>
    </message>
    <message>
        <source>A backup is made every day when the app starts (and when the date changes), and whenever you press Back up now. &apos;pos-app restore FILE&apos; puts one back.</source>
        <translation>Um backup é feito todos os dias quando o app abre (e quando a data muda), e sempre que você clica em Fazer backup agora. &apos;pos-app restore ARQUIVO&apos; restaura um.</translation>
    </message>
    <message>
        <source>Last backup: {file}</source>
        <translation>Último backup: {file}</translation>
    </message>
    <message>
        <source>No backup in this folder yet.</source>
        <translation>Ainda não há backups nesta pasta.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Pasta de backups</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Fazendo backup…</translation>
    </message>
    <message>
        <source>Backed up to {file} ({size} KiB).</source>
        <translation>Backup salvo em {file} ({size} KiB).</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Preço unitário</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qtd.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{n} pack</source>
        <translation>{n} pct.</translation>
    </message>
    <message>
        <source>Discount {what}: {amount}</source>
        <translation>Desconto {what}: {amount}</translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation>SKU {sku}</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Código {code}</translation>
    </message>
    <message>
        <source>IVA {rate} % included</source>
        <translation>IVA {rate} % incluído</translation>
    </message>
    <message>
        <source>Exempt from IVA</source>
        <translation>Isento de IVA</translation>
    </message>
    <message>
        <source>The cart cannot change while the customer is paying. Cancel first.</source>
        <translation>O carrinho não pode mudar enquanto o cliente está pagando. Cancele primeiro.</translation>
    </message>
</context>
<context>
    <name>CartView</name>
    <message>
        <source>Cart</source>
        <translation>Carrinho</translation>
    </message>
    <message>
        <source>Scan a product or type its name to start a sale.</source>
        <translation>Escaneie um produto ou digite o nome dele para começar uma venda.</translation>
    </message>
</context>
<context>
    <name>CashDrawerDialog</name>
    <message>
        <source>Cash drawer</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <source>Cashier&apos;s name</source>
        <translation>Nome do operador</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Abrir turno</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Operador</translation>
    </message>
    <message>
        <source>Starting float</source>
        <translation>Troco inicial</translation>
    </message>
    <message>
        <source>Why (change, a supplier paid, a withdrawal…)</source>
        <translation>Por quê (troco, pagamento a fornecedor, uma retirada…)</translation>
    </message>
    <message>
        <source>Why (change, a supplier…)</source>
        <translation>Por quê (troco, fornecedor…)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por quê</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Cash in or out</source>
        <translation>Entrada ou saída de dinheiro</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Movimento</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Print shift report</source>
        <translation>Imprimir relatório do turno</translation>
    </message>
    <message>
        <source>Print the day so far on the receipt printer (sales by shift, hand-overs); nothing is closed</source>
        <translation>Imprime o dia até agora na impressora de comprovantes (vendas por turno, passagens de caixa); nada é fechado</translation>
    </message>
    <message>
        <source>Since the last close</source>
        <translation>Desde o último fechamento</translation>
    </message>
    <message>
        <source>No shift open since the last close.</source>
        <translation>Nenhum turno aberto desde o último fechamento.</translation>
    </message>
    <message>
        <source>{cashier} since {time}, starting float {amount}</source>
        <translation>{cashier} desde {time}, troco inicial {amount}</translation>
    </message>
    <message>
        <source>One shift at a time. To hand the drawer to the next cashier, count the cash in it and press Hand over; the day&apos;s close ends the last shift.</source>
        <translation>Um turno por vez. Para passar o caixa ao próximo operador, conte o dinheiro e pressione Passar o caixa; o fechamento do dia encerra o último turno.</translation>
    </message>
    <message>
        <source>Next cashier</source>
        <translation>Próximo operador</translation>
    </message>
    <message>
        <source>Cash counted now</source>
        <translation>Dinheiro contado agora</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Passar o caixa</translation>
    </message>
    <message>
        <source>Next cashier&apos;s name</source>
        <translation>Nome do próximo operador</translation>
    </message>
    <message>
        <source>Drawer handed to {cashier}, counted</source>
        <translation>Caixa passado para {cashier}, contado</translation>
    </message>
    <message>
        <source>Shift opened: {cashier}</source>
        <translation>Turno aberto: {cashier}</translation>
    </message>
    <message>
        <source>In: {reason}</source>
        <translation>Entrada: {reason}</translation>
    </message>
    <message>
        <source>Out: {reason}</source>
        <translation>Saída: {reason}</translation>
    </message>
    <message>
        <source>Expected in the drawer now: {amount}</source>
        <translation>Deveria haver no caixa: {amount}</translation>
    </message>
    <message>
        <source>Type an amount greater than zero.</source>
        <translation>Digite um valor maior que zero.</translation>
    </message>
    <message>
        <source>Type the cashier&apos;s name.</source>
        <translation>Digite o nome do operador.</translation>
    </message>
    <message>
        <source>{amount} missing</source>
        <translation>faltam {amount}</translation>
    </message>
    <message>
        <source>{amount} more than expected</source>
        <translation>{amount} a mais que o esperado</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exato</translation>
    </message>
    <message>
        <source>{from_cashier} handed the drawer to {to_cashier}: expected {expected}, counted {counted} ({how}).</source>
        <translation>{from_cashier} passou o caixa para {to_cashier}: esperado {expected}, contado {counted} ({how}).</translation>
    </message>
    <message>
        <source>Say why the cash goes in or out.</source>
        <translation>Diga por que o dinheiro entra ou sai.</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>{title} ({sku}) cannot be sold: its {column} in the catalog is &apos;{value}&apos;, which is not an amount (the catalog was edited by hand or damaged). Type its price again in Products, or restore a backup. The other products sell as usual.</source>
        <translation>{title} ({sku}) não pode ser vendido: seu {column} no catálogo é &apos;{value}&apos;, que não é um valor (o catálogo foi editado à mão ou está danificado). Digite o preço de novo em Produtos ou restaure um backup. Os outros produtos são vendidos normalmente.</translation>
    </message>
</context>
<context>
    <name>CatalogImport</name>
    <message>
        <source>the file is not UTF-8: read as Windows-1252 (cp1252), what spreadsheets on Windows save; check that accented names look right</source>
        <translation>o arquivo não é UTF-8: lido como Windows-1252 (cp1252), o que as planilhas salvam no Windows; confira se os nomes acentuados aparecem certos</translation>
    </message>
    <message>
        <source>the file is neither UTF-8 nor Windows-1252: read as Latin-1 (ISO-8859-1); check that accented names look right</source>
        <translation>o arquivo não é UTF-8 nem Windows-1252: lido como Latin-1 (ISO-8859-1); confira se os nomes acentuados aparecem certos</translation>
    </message>
    <message>
        <source>{file} is a spreadsheet, not a CSV file: open it and save it as “CSV (comma delimited)”, then import that file.</source>
        <translation>{file} é uma planilha, não um arquivo CSV: abra-a e salve-a como “CSV (separado por vírgulas)” e depois importe esse arquivo.</translation>
    </message>
    <message>
        <source>{file} is not a text file: a catalog is a CSV file with the columns sku, title and unit_price.</source>
        <translation>{file} não é um arquivo de texto: um catálogo é um arquivo CSV com as colunas sku, title e unit_price.</translation>
    </message>
    <message>
        <source>{fields} fields where the header has {columns}: a price or name holding the separator must be in double quotes (&quot;1,234.50&quot;)</source>
        <translation>{fields} campos onde o cabeçalho tem {columns}: um preço ou nome que contém o separador deve estar entre aspas duplas (&quot;1.234,50&quot;)</translation>
    </message>
    <message>
        <source>sku is empty</source>
        <translation>sku está vazio</translation>
    </message>
    <message>
        <source>title is empty (control and invisible characters do not count)</source>
        <translation>title está vazio (caracteres de controle e invisíveis não contam)</translation>
    </message>
    <message>
        <source>unit_price {value}: {problem}</source>
        <translation>unit_price {value}: {problem}</translation>
    </message>
    <message>
        <source>unit_measure must be unit, pack, kg, g, l or m, not {value}</source>
        <translation>unit_measure deve ser unit, pack, kg, g, l ou m, não {value}</translation>
    </message>
    <message>
        <source>iva_rate {value} must be 0, 5 or 19</source>
        <translation>iva_rate {value} deve ser 0, 5 ou 19</translation>
    </message>
    <message>
        <source>{column} {value} is a long number as a spreadsheet shows it, not the code: format the column as text and type the codes again (the catalog exported as CSV for Excel keeps them)</source>
        <translation>{column} {value} é um número longo como uma planilha o mostra, não o código: formate a coluna como texto e digite os códigos de novo (o catálogo exportado como CSV para Excel os mantém)</translation>
    </message>
    <message>
        <source>{column}: {problem}</source>
        <translation>{column}: {problem}</translation>
    </message>
    <message>
        <source>missing column(s): {columns}</source>
        <translation>coluna(s) ausente(s): {columns}</translation>
    </message>
    <message>
        <source>not readable as CSV ({error})</source>
        <translation>não pode ser lido como CSV ({error})</translation>
    </message>
    <message>
        <source>longer than {n} KiB</source>
        <translation>maior que {n} KiB</translation>
    </message>
    <message>
        <source>{column} {value} repeats line {first} (line {first} kept)</source>
        <translation>{column} {value} repete a linha {first} (a linha {first} foi mantida)</translation>
    </message>
</context>
<context>
    <name>ChargingPage</name>
    <message>
        <source>Charging</source>
        <translation>Cobrança</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>How long the customer has to pay. After that the order leaves the QR and the sale ends as expired.</source>
        <translation>Quanto tempo o cliente tem para pagar. Depois disso o pedido sai do QR e a venda termina como expirada.</translation>
    </message>
    <message>
        <source>Leave empty for the store&apos;s name</source>
        <translation>Deixe vazio para usar o nome da loja</translation>
    </message>
    <message>
        <source>the store&apos;s name</source>
        <translation>o nome da loja</translation>
    </message>
    <message>
        <source>Beep when a sale is paid</source>
        <translation>Tocar um som quando uma venda for paga</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>Order expires after:</source>
        <translation>O pedido expira após:</translation>
    </message>
    <message>
        <source>Largest sale:</source>
        <translation>Venda máxima:</translation>
    </message>
    <message>
        <source>Name on the customer&apos;s phone:</source>
        <translation>Nome no celular do cliente:</translation>
    </message>
    <message>
        <source>Shown as the order&apos;s title when the customer scans.</source>
        <translation>Mostrado como título do pedido quando o cliente escaneia.</translation>
    </message>
    <message>
        <source>Instore orders (the box&apos;s printed QR)</source>
        <translation>Pedidos presenciais (o QR impresso do caixa)</translation>
    </message>
    <message>
        <source>Orders API (Mercado Pago&apos;s newer API)</source>
        <translation>API de Pedidos (a API mais nova do Mercado Pago)</translation>
    </message>
    <message>
        <source>The box&apos;s printed QR</source>
        <translation>O QR impresso do caixa</translation>
    </message>
    <message>
        <source>A QR on this screen for each sale</source>
        <translation>Um QR nesta tela para cada venda</translation>
    </message>
    <message>
        <source>Both: printed QR or the one on screen</source>
        <translation>Ambos: o QR impresso ou o da tela</translation>
    </message>
    <message>
        <source>A QR on screen is made for one sale only; the customer scans it there.</source>
        <translation>Um QR na tela vale para uma única venda; o cliente o escaneia ali.</translation>
    </message>
    <message>
        <source>Mercado Pago API</source>
        <translation>API do Mercado Pago</translation>
    </message>
    <message>
        <source>The customer pays with:</source>
        <translation>O cliente paga com:</translation>
    </message>
    <message>
        <source>Quickly at first, then less often (recommended)</source>
        <translation>Com frequência no início, depois menos (recomendado)</translation>
    </message>
    <message>
        <source>At a steady pace</source>
        <translation>Em ritmo constante</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>Noticing the payment</source>
        <translation>Detecção do pagamento</translation>
    </message>
    <message>
        <source>▸ Advanced: how often the app checks</source>
        <translation>▸ Avançado: com que frequência o aplicativo verifica</translation>
    </message>
    <message>
        <source>check every</source>
        <translation>verificar a cada</translation>
    </message>
    <message>
        <source>during the first</source>
        <translation>durante os primeiros</translation>
    </message>
    <message>
        <source>The app asks Mercado Pago about the sale while the customer pays. Quick checks show “paid” sooner; fewer checks use less data.</source>
        <translation>O aplicativo consulta o Mercado Pago sobre a venda enquanto o cliente paga. Consultas frequentes mostram “pago” mais cedo; menos consultas usam menos dados.</translation>
    </message>
    <message>
        <source>Receive payment notifications from Mercado Pago</source>
        <translation>Receber notificações de pagamento do Mercado Pago</translation>
    </message>
    <message>
        <source>Where this computer listens (HOST:PORT), for example 127.0.0.1:8088.</source>
        <translation>Onde este computador escuta (HOST:PORTA), por exemplo 127.0.0.1:8088.</translation>
    </message>
    <message>
        <source>The https:// address on the internet that forwards to the address above (a tunnel or your router). Mercado Pago posts there.</source>
        <translation>O endereço https:// na internet que encaminha para o endereço acima (um túnel ou o seu roteador). O Mercado Pago envia as notificações para lá.</translation>
    </message>
    <message>
        <source>saved — type to replace</source>
        <translation>salvo: digite para substituir</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>The webhook&apos;s secret signature (Your integrations → Webhooks). Kept in the keyring, like the token.</source>
        <translation>A assinatura secreta do webhook (Suas integrações → Webhooks). Guardada no chaveiro do sistema, como o token.</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Escutar em:</translation>
    </message>
    <message>
        <source>Public address:</source>
        <translation>Endereço público:</translation>
    </message>
    <message>
        <source>Webhook secret:</source>
        <translation>Segredo do webhook:</translation>
    </message>
    <message>
        <source>Instant notifications (optional, for experts)</source>
        <translation>Notificações instantâneas (opcional, para especialistas)</translation>
    </message>
    <message>
        <source>Off by default: checking (above) is enough. With notifications Mercado Pago also tells the app at once, but only if it can reach this computer from the internet.</source>
        <translation>Desativadas por padrão: a verificação (acima) é suficiente. Com notificações o Mercado Pago também avisa o aplicativo na hora, mas só se conseguir alcançar este computador pela internet.</translation>
    </message>
    <message>
        <source>Leave empty for {amount}</source>
        <translation>Deixe vazio para usar {amount}</translation>
    </message>
    <message>
        <source>Sales above this amount are refused before charging (a typo guard). In {currency}.</source>
        <translation>Vendas acima deste valor são recusadas antes da cobrança (proteção contra erros de digitação). Em {currency}.</translation>
    </message>
    <message>
        <source>▾ Advanced: how often the app checks</source>
        <translation>▾ Avançado: com que frequência o aplicativo verifica</translation>
    </message>
    <message>
        <source>A payment is noticed within about a second during the first {minutes} min, then within a few seconds.</source>
        <translation>Um pagamento é detectado em cerca de um segundo durante os primeiros {minutes} min e depois em poucos segundos.</translation>
    </message>
    <message>
        <source>A payment is noticed within about {seconds} seconds during the first {minutes} min, then within a few seconds.</source>
        <translation>Um pagamento é detectado em cerca de {seconds} segundos durante os primeiros {minutes} min e depois em poucos segundos.</translation>
    </message>
    <message>
        <source>A payment is noticed within about a second.</source>
        <translation>Um pagamento é detectado em cerca de um segundo.</translation>
    </message>
    <message>
        <source>A payment is noticed within about {seconds} seconds.</source>
        <translation>Um pagamento é detectado em cerca de {seconds} segundos.</translation>
    </message>
    <message>
        <source>Needed to receive notifications.</source>
        <translation>Necessário para receber notificações.</translation>
    </message>
    <message>
        <source>Needed: Mercado Pago must know where to send them.</source>
        <translation>Necessário: o Mercado Pago precisa saber para onde enviá-las.</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <source>waiting; connection trouble, still trying</source>
        <translation>aguardando; problemas de conexão, ainda tentando</translation>
    </message>
    <message>
        <source>waiting; last attempt rejected, the customer may retry</source>
        <translation>aguardando; a última tentativa foi recusada, o cliente pode tentar de novo</translation>
    </message>
    <message>
        <source>waiting; partially paid ({amount})</source>
        <translation>aguardando; pago em parte ({amount})</translation>
    </message>
    <message>
        <source>Box {box} is still waiting for the payment of sale {reference}. Finish or cancel that sale before charging a new one.</source>
        <translation>O caixa {box} ainda aguarda o pagamento da venda {reference}. Conclua ou cancele essa venda antes de cobrar uma nova.</translation>
    </message>
    <message>
        <source>This till has no Mercado Pago store and box yet. Open Settings (F9) or run &apos;pos-app configure&apos;.</source>
        <translation>Este computador ainda não tem loja nem caixa do Mercado Pago. Abra as Configurações (F9) ou execute &apos;pos-app configure&apos;.</translation>
    </message>
    <message>
        <source>There is no sale with reference {reference}.</source>
        <translation>Não há venda com a referência {reference}.</translation>
    </message>
    <message>
        <source>The sale&apos;s reference is empty: give the reference of a sale (pos-app sales lists them).</source>
        <translation>A referência da venda está vazia: informe a referência de uma venda (pos-app sales lista todas).</translation>
    </message>
    <message>
        <source>There is no sale waiting for payment to cancel.</source>
        <translation>Não há venda aguardando pagamento para cancelar.</translation>
    </message>
    <message>
        <source>Could not remove the order from the box ({detail}). The customer could still pay it: the app keeps trying and will show the result.</source>
        <translation>Não foi possível retirar o pedido do caixa ({detail}). O cliente ainda poderia pagá-lo: o aplicativo continua tentando e mostrará o resultado.</translation>
    </message>
    <message>
        <source>Mercado Pago rejected the payment and ended the order: it can no longer be paid. Charge again, or take cash.</source>
        <translation>O Mercado Pago recusou o pagamento e encerrou o pedido: ele não pode mais ser pago. Cobre de novo ou receba em dinheiro.</translation>
    </message>
    <message>
        <source>Sale {reference} could not be read and is set aside; new sales charge as usual. Run &apos;pos-app doctor&apos; or call support.</source>
        <translation>A venda {reference} não pôde ser lida e foi deixada de lado; as vendas novas são cobradas normalmente. Execute &apos;pos-app doctor&apos; ou chame o suporte.</translation>
    </message>
</context>
<context>
    <name>CloseDayDialog</name>
    <message>
        <source>Close the day</source>
        <translation>Fechar o dia</translation>
    </message>
    <message>
        <source>Cash counted in the drawer</source>
        <translation>Dinheiro contado no caixa</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Report of the day</source>
        <translation>Relatório do dia</translation>
    </message>
    <message>
        <source>Check Mercado Pago&apos;s payments</source>
        <translation>Conferir os pagamentos do Mercado Pago</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pagamento</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>Record the chosen payment as a sale</source>
        <translation>Registrar o pagamento escolhido como venda</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Salvar como PDF…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Print the report on the receipt printer</source>
        <translation>Imprimir o relatório na impressora de comprovantes</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>Payments not in the books</source>
        <translation>Pagamentos que não estão nos registros</translation>
    </message>
    <message>
        <source>Preview of close number {number}, since {start}. Count the drawer, check Mercado Pago&apos;s payments, then close: a closed day never changes.</source>
        <translation>Prévia do fechamento número {number}, desde {start}. Conte o caixa, confira os pagamentos do Mercado Pago e depois feche: um dia fechado nunca muda.</translation>
    </message>
    <message>
        <source>Day closed: close number {number}.</source>
        <translation>Dia fechado: fechamento número {number}.</translation>
    </message>
    <message>
        <source>Asking Mercado Pago…</source>
        <translation>Consultando o Mercado Pago…</translation>
    </message>
    <message>
        <source>{seen} payments at Mercado Pago today, {matched} in the books.</source>
        <translation>{seen} pagamentos no Mercado Pago hoje, {matched} nos registros.</translation>
    </message>
    <message>
        <source>1 Orders API sale confirmed by its order.</source>
        <translation>1 venda da API de Pedidos confirmada pelo seu pedido.</translation>
    </message>
    <message>
        <source>{count} Orders API sales confirmed by their orders.</source>
        <translation>{count} vendas da API de Pedidos confirmadas pelos seus pedidos.</translation>
    </message>
    <message>
        <source>Everything matches.</source>
        <translation>Tudo confere.</translation>
    </message>
    <message>
        <source>1 payment is not in the books:</source>
        <translation>1 pagamento não está nos registros:</translation>
    </message>
    <message>
        <source>{count} payments are not in the books:</source>
        <translation>{count} pagamentos não estão nos registros:</translation>
    </message>
    <message>
        <source>Sale {ref} is paid here but Mercado Pago does not show it.</source>
        <translation>A venda {ref} consta como paga aqui, mas o Mercado Pago não a mostra.</translation>
    </message>
    <message>
        <source>Sale {ref}: {ledger} here, {mp} at Mercado Pago.</source>
        <translation>Venda {ref}: {ledger} aqui, {mp} no Mercado Pago.</translation>
    </message>
    <message>
        <source>Close the day now? The report is frozen and the next sale starts a new day.</source>
        <translation>Fechar o dia agora? O relatório fica congelado e a próxima venda começa um novo dia.</translation>
    </message>
    <message>
        <source>Checking open sales with Mercado Pago, then closing…</source>
        <translation>Conferindo as vendas abertas com o Mercado Pago e fechando…</translation>
    </message>
    <message>
        <source>Closing the day: the window closes once the day is closed.</source>
        <translation>Fechando o dia: a janela se fecha assim que o dia estiver fechado.</translation>
    </message>
    <message>
        <source>Asking Mercado Pago: the window closes once it has answered.</source>
        <translation>Consultando o Mercado Pago: a janela fecha assim que ele responder.</translation>
    </message>
    <message>
        <source>The day is closed, but its backup could not be made: {reason}</source>
        <translation>O dia foi fechado, mas não foi possível fazer a cópia de segurança: {reason}</translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation>Salvando o PDF…</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Salvo como {path}.</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Não foi possível gravar {path}: {error}</translation>
    </message>
    <message>
        <source>Choose a receipt printer in Settings → Receipts</source>
        <translation>Escolha uma impressora de comprovantes em Configurações → Comprovantes</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimindo…</translation>
    </message>
    <message>
        <source>Report sent to the printer.</source>
        <translation>Relatório enviado à impressora.</translation>
    </message>
    <message>
        <source>The report did not print: {problem}</source>
        <translation>O relatório não foi impresso: {problem}</translation>
    </message>
    <message>
        <source>Close number {number} — {date}</source>
        <translation>Fechamento número {number} — {date}</translation>
    </message>
    <message>
        <source>close-{number}.pdf</source>
        <translation>fechamento-{number}.pdf</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Salvar o relatório</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Arquivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The report prints on a receipt printer (ESC/POS); for a system printer, save it as PDF and print that.</source>
        <translation>O relatório é impresso em uma impressora de comprovantes (ESC/POS); para uma impressora do sistema, salve-o como PDF e imprima esse arquivo.</translation>
    </message>
</context>
<context>
    <name>CloseReport</name>
    <message>
        <source>Sale {reference}, in cash: {note}</source>
        <translation>Venda {reference}, em dinheiro: {note}</translation>
    </message>
    <message>
        <source>Sale {reference}: {note}</source>
        <translation>Venda {reference}: {note}</translation>
    </message>
    <message>
        <source>Sale {reference}, in cash</source>
        <translation>Venda {reference}, em dinheiro</translation>
    </message>
    <message>
        <source>Sale {reference}</source>
        <translation>Venda {reference}</translation>
    </message>
    <message>
        <source>Hand-over {at}: {from_cashier} to {to_cashier}</source>
        <translation>Passagem de caixa {at}: de {from_cashier} para {to_cashier}</translation>
    </message>
    <message>
        <source>Expected then</source>
        <translation>Esperado naquele momento</translation>
    </message>
    <message>
        <source>Counted then</source>
        <translation>Contado naquele momento</translation>
    </message>
    <message>
        <source>Shift report, not a close</source>
        <translation>Relatório de turno, não é um fechamento</translation>
    </message>
    <message>
        <source>Close number</source>
        <translation>Fechamento número</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Até</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Vendas</translation>
    </message>
    <message>
        <source>Mercado Pago QR</source>
        <translation>QR do Mercado Pago</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Dinheiro</translation>
    </message>
    <message>
        <source>Refunds ({count})</source>
        <translation>Devoluções ({count})</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Líquido</translation>
    </message>
    <message>
        <source>IVA {rate}%</source>
        <translation>IVA {rate}%</translation>
    </message>
    <message>
        <source>Canceled sales</source>
        <translation>Vendas canceladas</translation>
    </message>
    <message>
        <source>Expired sales</source>
        <translation>Vendas expiradas</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluções</translation>
    </message>
    <message>
        <source>Sales by shift</source>
        <translation>Vendas por turno</translation>
    </message>
    <message>
        <source>{cashier}, {since}-{until}, sales: {count}</source>
        <translation>{cashier}, {since}-{until}, vendas: {count}</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <source>Shift: {cashier}</source>
        <translation>Turno: {cashier}</translation>
    </message>
    <message>
        <source>Shift: {cashier} (float not added)</source>
        <translation>Turno: {cashier} (troco não somado)</translation>
    </message>
    <message>
        <source>{count} shifts were opened in this period (an older version allowed it): only the first one&apos;s float is in the expected cash. A later float that was new cash shows as more than expected.</source>
        <translation>Foram abertos {count} turnos neste período (uma versão anterior permitia): só o troco do primeiro está no dinheiro esperado. Um troco posterior que foi dinheiro novo aparece como mais do que o esperado.</translation>
    </message>
    <message>
        <source>Starting float</source>
        <translation>Troco inicial</translation>
    </message>
    <message>
        <source>Cash in: {reason}</source>
        <translation>Entrada: {reason}</translation>
    </message>
    <message>
        <source>Cash out: {reason}</source>
        <translation>Saída: {reason}</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Dinheiro esperado</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>Dinheiro contado</translation>
    </message>
    <message>
        <source>Difference: missing from the drawer</source>
        <translation>Diferença: falta no caixa</translation>
    </message>
    <message>
        <source>Difference: more than expected</source>
        <translation>Diferença: há mais do que o esperado</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Diferença</translation>
    </message>
    <message>
        <source>of which in {cashier}&apos;s shift</source>
        <translation>da qual no turno de {cashier}</translation>
    </message>
    <message>
        <source>Sales still open (they count when they end): {count}</source>
        <translation>Vendas ainda abertas (contam quando terminarem): {count}</translation>
    </message>
    <message>
        <source>Paid late, check for a double charge: {ref}</source>
        <translation>Paga com atraso, verifique se houve cobrança em dobro: {ref}</translation>
    </message>
</context>
<context>
    <name>Config</name>
    <message>
        <source>not a file</source>
        <translation>não é um arquivo</translation>
    </message>
    <message>
        <source>far too large for a settings file</source>
        <translation>grande demais para um arquivo de configurações</translation>
    </message>
    <message>
        <source>cannot read it ({error})</source>
        <translation>não foi possível lê-lo ({error})</translation>
    </message>
    <message>
        <source>not a settings file</source>
        <translation>não é um arquivo de configurações</translation>
    </message>
    <message>
        <source>written as UTF-16</source>
        <translation>gravado em UTF-16</translation>
    </message>
    <message>
        <source>not UTF-8 (read as Windows-1252)</source>
        <translation>não é UTF-8 (lido como Windows-1252)</translation>
    </message>
    <message>
        <source>not UTF-8 (read as Latin-1)</source>
        <translation>não é UTF-8 (lido como Latin-1)</translation>
    </message>
    <message>
        <source>cut short</source>
        <translation>cortado</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>não é JSON</translation>
    </message>
    <message>
        <source>The settings file was written by a newer version of pos-app; a copy was put aside as {moved}. The settings this version understands were kept, the others are back to their defaults: please check them in Settings. To go back to the newer version, install it and put that copy back as {path}.</source>
        <translation>O arquivo de configurações foi gravado por uma versão mais nova do pos-app; uma cópia foi separada como {moved}. As configurações que esta versão entende foram mantidas; as demais voltaram ao padrão: revise-as em Configurações, por favor. Para voltar à versão mais nova, instale-a e coloque essa cópia de volta como {path}.</translation>
    </message>
    <message>
        <source>The settings file was damaged ({why}) and was put aside as {moved}. Default settings are in use: please check them.</source>
        <translation>O arquivo de configurações estava danificado ({why}) e foi separado como {moved}. As configurações padrão estão em uso: revise-as, por favor.</translation>
    </message>
    <message>
        <source>The settings file was damaged ({why}) and a copy was put aside as {moved}. The settings that could be read were kept, the others are back to their defaults: please check them in Settings.</source>
        <translation>O arquivo de configurações estava danificado ({why}) e uma cópia foi separada como {moved}. As configurações que puderam ser lidas foram mantidas; as demais voltaram ao padrão: revise-as em Configurações, por favor.</translation>
    </message>
</context>
<context>
    <name>Country</name>
    <message>
        <source>Argentina</source>
        <translation>Argentina</translation>
    </message>
    <message>
        <source>Brazil</source>
        <translation>Brasil</translation>
    </message>
    <message>
        <source>Mexico</source>
        <translation>México</translation>
    </message>
    <message>
        <source>Uruguay</source>
        <translation>Uruguai</translation>
    </message>
    <message>
        <source>Peru</source>
        <translation>Peru</translation>
    </message>
    <message>
        <source>Chile</source>
        <translation>Chile</translation>
    </message>
    <message>
        <source>Colombia</source>
        <translation>Colômbia</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>The API address {url} has a user name or password in it. Remove them: the access token is sent on its own, never in the address.</source>
        <translation>O endereço da API {url} contém um usuário ou uma senha. Remova-os: o token de acesso é enviado à parte, nunca no endereço.</translation>
    </message>
    <message>
        <source>The API address {url} is not allowed: use https, or plain http only on this computer (127.0.0.1) for the sandbox.</source>
        <translation>O endereço de API {url} não é permitido: use https, ou http simples apenas neste computador (127.0.0.1) para o sandbox.</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>CSV for Excel: semicolons, decimal comma (*.csv)</source>
        <translation>CSV para Excel: ponto e vírgula, vírgula decimal (*.csv)</translation>
    </message>
</context>
<context>
    <name>CustomAmountBar</name>
    <message>
        <source>Custom amount</source>
        <translation>Valor avulso</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Amount, e.g. {example}</source>
        <translation>Valor, ex.: {example}</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>ex.: {example}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>IVA rate</source>
        <translation>Alíquota de IVA</translation>
    </message>
    <message>
        <source>IVA {rate} %</source>
        <translation>IVA {rate} %</translation>
    </message>
    <message>
        <source>Exempt from IVA</source>
        <translation>Isento de IVA</translation>
    </message>
    <message>
        <source>Add  (Enter)</source>
        <translation>Adicionar  (Enter)</translation>
    </message>
    <message>
        <source>Close  (Esc)</source>
        <translation>Fechar  (Esc)</translation>
    </message>
    <message>
        <source>Miscellaneous</source>
        <translation>Diversos</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>Tela do cliente</translation>
    </message>
    <message>
        <source>Welcome! Your purchase will appear here.</source>
        <translation>Bem-vindo! Sua compra aparecerá aqui.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>A pagar</translation>
    </message>
    <message>
        <source>Paid — thank you!</source>
        <translation>Pago — obrigado!</translation>
    </message>
    <message>
        <source>To pay in cash</source>
        <translation>A pagar em dinheiro</translation>
    </message>
    <message>
        <source>Please pay at the counter in cash</source>
        <translation>Por favor, pague em dinheiro no caixa</translation>
    </message>
    <message>
        <source>With Mercado Pago</source>
        <translation>Com o Mercado Pago</translation>
    </message>
    <message>
        <source>In cash</source>
        <translation>Em dinheiro</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 item</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} itens</translation>
    </message>
    <message>
        <source>Discounts: −{amount}</source>
        <translation>Descontos: −{amount}</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluído: {amount}</translation>
    </message>
    <message>
        <source>One moment, please</source>
        <translation>Um momento, por favor</translation>
    </message>
    <message>
        <source>The payment was rejected, you can try again</source>
        <translation>O pagamento foi recusado, você pode tentar de novo</translation>
    </message>
    <message>
        <source>Scan this QR with Mercado Pago</source>
        <translation>Escaneie este QR com o Mercado Pago</translation>
    </message>
    <message>
        <source>Scan the QR at the counter with Mercado Pago</source>
        <translation>Escaneie o QR do caixa com o Mercado Pago</translation>
    </message>
    <message>
        <source>Valid for {time}</source>
        <translation>Válido por {time}</translation>
    </message>
</context>
<context>
    <name>CustomerPhoneWindow</name>
    <message>
        <source>Customer&apos;s phone (demo)</source>
        <translation>Celular do cliente (demo)</translation>
    </message>
    <message>
        <source>Mercado Pago</source>
        <translation>Mercado Pago</translation>
    </message>
    <message>
        <source>This window plays the customer who scanned the QR of box {box}.</source>
        <translation>Esta janela faz o papel do cliente que escaneou o QR do caixa {box}.</translation>
    </message>
    <message>
        <source>Pay (approved)</source>
        <translation>Pagar (aprovado)</translation>
    </message>
    <message>
        <source>Pay with a card that gets rejected</source>
        <translation>Pagar com um cartão que é recusado</translation>
    </message>
    <message>
        <source>Do nothing</source>
        <translation>Não fazer nada</translation>
    </message>
    <message>
        <source>Expire now</source>
        <translation>Expirar agora</translation>
    </message>
    <message>
        <source>Another system charges at this box</source>
        <translation>Outro sistema cobra neste caixa</translation>
    </message>
    <message>
        <source>The demo server does not answer.</source>
        <translation>O servidor da demo não responde.</translation>
    </message>
    <message>
        <source>This window plays the customer who read the QR on the cashier&apos;s screen.</source>
        <translation>Esta janela faz o papel do cliente que leu o QR na tela do caixa.</translation>
    </message>
    <message>
        <source>Paid — thank you!</source>
        <translation>Pago — obrigado!</translation>
    </message>
    <message>
        <source>The cashier&apos;s screen shows the payment.</source>
        <translation>A tela do caixa mostra o pagamento.</translation>
    </message>
    <message>
        <source>Nothing to pay yet</source>
        <translation>Ainda não há nada para pagar</translation>
    </message>
    <message>
        <source>Waiting for the cashier to charge…</source>
        <translation>Aguardando o operador de caixa cobrar…</translation>
    </message>
    <message>
        <source>Total {amount}</source>
        <translation>Total {amount}</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluído: {amount}</translation>
    </message>
    <message>
        <source>Mercado Pago says: {message}</source>
        <translation>O Mercado Pago diz: {message}</translation>
    </message>
    <message>
        <source>✓ Payment approved</source>
        <translation>✓ Pagamento aprovado</translation>
    </message>
    <message>
        <source>✗ Card rejected — you can try again with another card</source>
        <translation>✗ Cartão recusado: você pode tentar de novo com outro cartão</translation>
    </message>
    <message>
        <source>The order expired.</source>
        <translation>O pedido expirou.</translation>
    </message>
    <message>
        <source>Another system was paid {amount} at this box.</source>
        <translation>Outro sistema recebeu {amount} neste caixa.</translation>
    </message>
    <message>
        <source>You put the phone away. The order will expire on its own.</source>
        <translation>Você guardou o celular. O pedido vai expirar sozinho.</translation>
    </message>
</context>
<context>
    <name>DailyBackup</name>
    <message>
        <source>No backup today</source>
        <translation>Sem backup hoje</translation>
    </message>
</context>
<context>
    <name>DayBook</name>
    <message>
        <source>A shift is already open: {cashier} since {time}. Only one shift is open at a time; it ends with the day&apos;s close or when the drawer is handed over to the next cashier (Hand over). To put more cash in the drawer, use Cash in.</source>
        <translation>Já há um turno aberto: {cashier} desde as {time}. Só há um turno aberto por vez; ele termina com o fechamento do dia ou quando o caixa é passado ao próximo operador (Passar o caixa). Para colocar mais dinheiro no caixa, use Entrada.</translation>
    </message>
    <message>
        <source>No shift is open since the last close: there is no drawer to hand over. Open a shift with the drawer&apos;s starting float instead.</source>
        <translation>Nenhum turno está aberto desde o último fechamento: não há caixa para passar. Abra um turno com o troco inicial do caixa.</translation>
    </message>
    <message>
        <source>That time belongs to a day that is already closed: a closed day never changes. Check the computer&apos;s clock.</source>
        <translation>Esse horário pertence a um dia já fechado: um dia fechado nunca muda. Verifique o relógio do computador.</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard changes</source>
        <translation>Descartar as alterações</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Continuar editando</translation>
    </message>
</context>
<context>
    <name>DiscountDialog</name>
    <message>
        <source>Line discount</source>
        <translation>Desconto no item</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Desconto na venda</translation>
    </message>
    <message>
        <source>{what}: {amount}</source>
        <translation>{what}: {amount}</translation>
    </message>
    <message>
        <source>Percentage (%)</source>
        <translation>Porcentagem (%)</translation>
    </message>
    <message>
        <source>Amount off ({symbol})</source>
        <translation>Valor de desconto ({symbol})</translation>
    </message>
    <message>
        <source>New unit price</source>
        <translation>Novo preço unitário</translation>
    </message>
    <message>
        <source>Supervisor PIN</source>
        <translation>PIN do supervisor</translation>
    </message>
    <message>
        <source>Kind (↑ ↓)</source>
        <translation>Tipo (↑ ↓)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>↑ ↓ kind · Enter apply · empty value removes the discount · Esc cancel</source>
        <translation>↑ ↓ tipo · Enter aplicar · valor vazio remove o desconto · Esc cancelar</translation>
    </message>
    <message>
        <source>e.g. 10</source>
        <translation>ex.: 10</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>Discount {off} → {total}</source>
        <translation>Desconto {off} → {total}</translation>
    </message>
    <message>
        <source>Say why the price changes (damaged, expires today…).</source>
        <translation>Diga por que o preço muda (avariado, vence hoje…).</translation>
    </message>
    <message>
        <source>Discounts above {limit} % need the supervisor&apos;s PIN, and none is set on this till.</source>
        <translation>Descontos acima de {limit} % precisam do PIN do supervisor, e este caixa não tem um configurado.</translation>
    </message>
    <message>
        <source>Above {limit} %: the supervisor types the PIN.</source>
        <translation>Acima de {limit} %: o supervisor digita o PIN.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN incorreto.</translation>
    </message>
</context>
<context>
    <name>DiscountSettings</name>
    <message>
        <source>Discounts and scales</source>
        <translation>Descontos e balanças</translation>
    </message>
    <message>
        <source>saved — type to replace</source>
        <translation>salvo: digite para substituir</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>No PIN (discounts above the limit are refused)</source>
        <translation>Sem PIN (descontos acima do limite são recusados)</translation>
    </message>
    <message>
        <source>4 to 8 digits. Kept as a hash: nobody can read it back.</source>
        <translation>De 4 a 8 dígitos. Guardado como hash: ninguém consegue lê-lo de volta.</translation>
    </message>
    <message>
        <source>Larger discounts need the supervisor&apos;s PIN. With 0, every discount needs it.</source>
        <translation>Descontos maiores precisam do PIN do supervisor. Com 0, todos precisam.</translation>
    </message>
    <message>
        <source>Leave empty for the country&apos;s usual layout</source>
        <translation>Deixe vazio para usar o formato usual do país</translation>
    </message>
    <message>
        <source>usual layout</source>
        <translation>layout habitual</translation>
    </message>
    <message>
        <source>Presets: {names}; or PREFIX-CODE-weight|price-DIGITS-DECIMALS.</source>
        <translation>Predefinidos: {names}; ou PREFIXO-CÓDIGO-weight|price-DÍGITOS-DECIMAIS.</translation>
    </message>
    <message>
        <source>Discount without PIN up to:</source>
        <translation>Desconto sem PIN até:</translation>
    </message>
    <message>
        <source>Supervisor PIN:</source>
        <translation>PIN do supervisor:</translation>
    </message>
    <message>
        <source>Scale labels:</source>
        <translation>Etiquetas de balança:</translation>
    </message>
    <message>
        <source>A whole percentage from 0 to 100.</source>
        <translation>Uma porcentagem inteira de 0 a 100.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits.</source>
        <translation>Um PIN tem de 4 a 8 dígitos.</translation>
    </message>
    <message>
        <source>Not a scale label layout: use a preset or a layout like 20-5-weight-5-3.</source>
        <translation>Não é um formato de etiqueta de balança: use um predefinido ou um como 20-5-weight-5-3.</translation>
    </message>
</context>
<context>
    <name>DisplayController</name>
    <message>
        <source>Customer display</source>
        <translation>Tela do cliente</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>Display</source>
        <translation>Tela</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desligada</translation>
    </message>
    <message>
        <source>In a window</source>
        <translation>Em uma janela</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Tela cheia</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Sem logotipo</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Shown with the shop&apos;s name while no sale is on the screen.</source>
        <translation>Aparece com o nome da loja enquanto não há uma venda na tela.</translation>
    </message>
    <message>
        <source>Show it:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>Full screen needs a screen of its own; on the counter&apos;s only screen it opens as a window.</source>
        <translation>A tela cheia precisa de uma tela só para ela; se o caixa tem uma só tela, ela abre em uma janela.</translation>
    </message>
    <message>
        <source>On screen:</source>
        <translation>Na tela:</translation>
    </message>
    <message>
        <source>Screens connected or disconnected later are followed at once.</source>
        <translation>Telas conectadas ou desconectadas depois são seguidas na hora.</translation>
    </message>
    <message>
        <source>Shop logo:</source>
        <translation>Logotipo da loja:</translation>
    </message>
    <message>
        <source>The screen your customers see</source>
        <translation>A tela que seus clientes veem</translation>
    </message>
    <message>
        <source>It shows the items as they are scanned, the total, where to scan and “paid”, in the app&apos;s language. This computer remembers the choice.</source>
        <translation>Mostra os itens conforme são escaneados, o total, onde escanear e “pago”, no idioma do app. Este computador lembra a escolha.</translation>
    </message>
    <message>
        <source>Any screen but the counter&apos;s</source>
        <translation>Qualquer tela menos a do caixa</translation>
    </message>
    <message>
        <source>Screen {n}</source>
        <translation>Tela {n}</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (não conectada)</translation>
    </message>
    <message>
        <source>Choose the shop&apos;s logo</source>
        <translation>Escolha o logotipo da loja</translation>
    </message>
    <message>
        <source>Pictures ({patterns})</source>
        <translation>Imagens ({patterns})</translation>
    </message>
    <message>
        <source>There is no file there any more.</source>
        <translation>Esse arquivo não está mais lá.</translation>
    </message>
    <message>
        <source>This file is not a picture the app can show.</source>
        <translation>Este arquivo não é uma imagem que o app consiga mostrar.</translation>
    </message>
    <message>
        <source>Checking the logo&apos;s picture…</source>
        <translation>Verificando a imagem do logo…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside the app. Nothing was charged twice; the details were written to the log. You can keep working.</source>
        <translation>Algo deu errado dentro do aplicativo. Nada foi cobrado duas vezes; os detalhes foram gravados no log. Você pode continuar trabalhando.</translation>
    </message>
    <message>
        <source>Could not do that</source>
        <translation>Não foi possível fazer isso</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>it is a folder, not a file: give a file name</source>
        <translation>é uma pasta, não um arquivo: informe um nome de arquivo</translation>
    </message>
    <message>
        <source>it is a device or a pipe, not a file: give a file name</source>
        <translation>é um dispositivo ou um pipe, não um arquivo: informe um nome de arquivo</translation>
    </message>
    <message>
        <source>a link that leads to itself</source>
        <translation>um link que leva a si mesmo</translation>
    </message>
    <message>
        <source>the folder {folder} is not there</source>
        <translation>a pasta {folder} não existe</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import products from {file}</source>
        <translation>Importar produtos de {file}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Lendo {file}…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Products in the file</source>
        <translation>Produtos do arquivo</translation>
    </message>
    <message>
        <source>Lines that cannot be imported</source>
        <translation>Linhas que não podem ser importadas</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Nothing is changed until you press Import. Products whose SKU is already in the catalog get what the file&apos;s columns say; a column the file does not have (barcode, category, unit) keeps its value. Past sales keep their prices.</source>
        <translation>Nada muda até você pressionar Importar. Os produtos cujo SKU já está no catálogo recebem o que as colunas do arquivo dizem; uma coluna que o arquivo não tem (código de barras, categoria, unidade) mantém seu valor. As vendas anteriores mantêm seus preços.</translation>
    </message>
    <message>
        <source>This file cannot be imported: its first line must name the columns, and {missing} is missing. Needed: sku, title, unit_price; optional: barcode, category, unit_measure (unit or pack), iva_rate (0, 5 or 19).</source>
        <translation>Este arquivo não pode ser importado: a primeira linha deve nomear as colunas, e falta {missing}. Necessárias: sku, title, unit_price; opcionais: barcode, category, unit_measure (unit ou pack), iva_rate (0, 5 ou 19).</translation>
    </message>
    <message>
        <source>The file&apos;s first line: {header}</source>
        <translation>A primeira linha do arquivo: {header}</translation>
    </message>
    <message>
        <source>Lines ready to import: {good} of {lines}. New products: {new}. Already in the catalog, to be updated: {replaced}.</source>
        <translation>Linhas prontas para importar: {good} de {lines}. Produtos novos: {new}. Já no catálogo, serão atualizados: {replaced}.</translation>
    </message>
    <message>
        <source>… and {n} more (all of them are imported).</source>
        <translation>… e mais {n} (todos são importados).</translation>
    </message>
    <message>
        <source>1 line has a problem and will be left out (fix it in the file and import it again; the good lines can be imported now):</source>
        <translation>1 linha tem um problema e ficará de fora (corrija-a no arquivo e importe-o de novo; as linhas corretas podem ser importadas agora):</translation>
    </message>
    <message>
        <source>{n} lines have problems and will be left out (fix them in the file and import it again; the good lines can be imported now):</source>
        <translation>{n} linhas têm problemas e ficarão de fora (corrija-as no arquivo e importe-o de novo; as linhas corretas podem ser importadas agora):</translation>
    </message>
    <message>
        <source>Line {line}: {problem}</source>
        <translation>Linha {line}: {problem}</translation>
    </message>
    <message>
        <source>Import 1 product</source>
        <translation>Importar 1 produto</translation>
    </message>
    <message>
        <source>Import {n} products</source>
        <translation>Importar {n} produtos</translation>
    </message>
    <message>
        <source>Importing 1 product…</source>
        <translation>Importando 1 produto…</translation>
    </message>
    <message>
        <source>Importing {n} products…</source>
        <translation>Importando {n} produtos…</translation>
    </message>
    <message>
        <source>Wait: the products are being imported. This window closes by itself once they are.</source>
        <translation>Aguarde: os produtos estão sendo importados. Esta janela se fecha sozinha quando terminar.</translation>
    </message>
    <message>
        <source>the file changed after it was read: choose it again to see what it holds now</source>
        <translation>o arquivo mudou depois de lido: escolha-o de novo para ver o que ele tem agora</translation>
    </message>
    <message>
        <source>The import stopped after {n} products ({error}). Importing the file again is safe: products already saved are only updated.</source>
        <translation>A importação parou depois de {n} produtos ({error}). Importar o arquivo de novo é seguro: os produtos já salvos são apenas atualizados.</translation>
    </message>
    <message>
        <source>it is not UTF-8 text (save it as “CSV UTF-8” and try again)</source>
        <translation>não é texto UTF-8 (salve-o como “CSV UTF-8” e tente de novo)</translation>
    </message>
    <message>
        <source>The file could not be read: {error}</source>
        <translation>Não foi possível ler o arquivo: {error}</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System (as the computer is set)</source>
        <translation>Sistema (conforme a configuração do computador)</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Changes apply after restarting the app.</source>
        <translation>As mudanças valem depois de reiniciar o aplicativo.</translation>
    </message>
    <message>
        <source>Language and appearance</source>
        <translation>Idioma e aparência</translation>
    </message>
    <message>
        <source>Close and open the app again to see it in the new language.</source>
        <translation>Feche e abra o aplicativo de novo para vê-lo no novo idioma.</translation>
    </message>
</context>
<context>
    <name>LatePaymentBar</name>
    <message>
        <source>Understood</source>
        <translation>Entendi</translation>
    </message>
    <message>
        <source>Give the cash back…</source>
        <translation>Devolver o dinheiro…</translation>
    </message>
    <message>
        <source>The customer paid sale {reference} ({amount}) with Mercado Pago after its cash had been given back: the sale is paid, do not charge again. There is no cash to give back.</source>
        <translation>O cliente pagou a venda {reference} ({amount}) pelo Mercado Pago depois que o dinheiro já tinha sido devolvido: a venda está paga, não cobre de novo. Não há dinheiro a devolver.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid twice: {amount} arrived with Mercado Pago after you took cash, and {left} of that cash was not given back yet. Give it back with a refund, so the drawer adds up.</source>
        <translation>A venda {reference} foi paga duas vezes: {amount} chegaram pelo Mercado Pago depois que você recebeu em dinheiro, e {left} desse dinheiro ainda não foram devolvidos. Devolva com uma devolução, assim o caixa fecha.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid twice: {amount} arrived with Mercado Pago after you took cash. Give the cash back with a refund, so the drawer adds up.</source>
        <translation>A venda {reference} foi paga duas vezes: {amount} chegaram pelo Mercado Pago depois que você recebeu em dinheiro. Devolva o dinheiro com uma devolução, assim o caixa fecha.</translation>
    </message>
    <message>
        <source>The customer DID pay sale {reference} ({amount}) after it was closed here — do not charge again. If you also took cash, give it back.</source>
        <translation>O cliente PAGOU a venda {reference} ({amount}) depois que ela foi encerrada aqui: não cobre de novo. Se também recebeu em dinheiro, devolva.</translation>
    </message>
</context>
<context>
    <name>Ledger</name>
    <message>
        <source>pos-app is already running with this data folder ({folder}). Only one cashier program may use a box at a time: switch to the open window, or close it first.</source>
        <translation>O pos-app já está aberto com esta pasta de dados ({folder}). Só um programa de caixa pode usar um caixa por vez: vá para a janela aberta ou feche-a primeiro.</translation>
    </message>
    <message>
        <source>This system offers no file lock (neither flock nor msvcrt), so pos-app cannot make sure it is the only cashier program on {folder}.</source>
        <translation>Este sistema não oferece bloqueio de arquivos (nem flock nem msvcrt), então o pos-app não pode garantir que é o único programa de caixa em {folder}.</translation>
    </message>
    <message>
        <source>The sales ledger {path} is damaged: part of it can no longer be read ({detail}). Nothing was changed in it. To sell again, start a fresh ledger (the damaged one is kept aside under a dated name) or restore a backup copy: run &apos;pos-app ledger recover&apos;, or start the app and choose.</source>
        <translation>O registro de vendas {path} está danificado: uma parte não pode mais ser lida ({detail}). Nada foi alterado nele. Para voltar a vender, comece um registro novo (o danificado fica guardado à parte com a data no nome) ou restaure uma cópia de segurança: execute &apos;pos-app ledger recover&apos;, ou abra o aplicativo e escolha.</translation>
    </message>
    <message>
        <source>The sales ledger {path} was written by a newer version of pos-app (ledger version {found}; this version knows up to {known}). It was not opened and nothing in it was changed. Install the newer version again to keep selling with it.</source>
        <translation>O registro de vendas {path} foi gravado por uma versão mais nova do pos-app (versão do registro {found}; esta versão conhece até a {known}). Ele não foi aberto e nada nele foi alterado. Instale de novo a versão mais nova para continuar vendendo com ele.</translation>
    </message>
    <message>
        <source>The sales ledger cannot be written ({detail}). Nothing was sent to Mercado Pago. Check the free disk space and the data folder&apos;s permissions.</source>
        <translation>Não é possível gravar o registro de vendas ({detail}). Nada foi enviado ao Mercado Pago. Verifique o espaço livre em disco e as permissões da pasta de dados.</translation>
    </message>
    <message>
        <source>The sales ledger {path} is not damaged: nothing to recover, nothing changed.</source>
        <translation>O registro de vendas {path} não está danificado: nada a recuperar; nada foi alterado.</translation>
    </message>
    <message>
        <source>{file} cannot be restored: {why}. Nothing was changed.</source>
        <translation>Não é possível restaurar {file}: {why}. Nada foi alterado.</translation>
    </message>
</context>
<context>
    <name>LedgerAmounts</name>
    <message>
        <source>The ledger holds an amount that cannot be right: {record}, {what} (column {column}) is &apos;{value}&apos;. The ledger was edited by hand, damaged, or comes from an old version. Nothing was changed. &apos;pos-app doctor&apos; lists every such amount; restore a backup from before it (&apos;pos-app ledger recover --restore BACKUP&apos;) or call support.</source>
        <translation>O registro de vendas tem um valor que não pode estar certo: {record}, {what} (coluna {column}) é &apos;{value}&apos;. O registro foi editado à mão, está danificado ou vem de uma versão antiga. Nada foi alterado. &apos;pos-app doctor&apos; lista todos esses valores; restaure um backup anterior (&apos;pos-app ledger recover --restore BACKUP&apos;) ou chame o suporte.</translation>
    </message>
    <message>
        <source>the total</source>
        <translation>o total</translation>
    </message>
    <message>
        <source>the IVA included</source>
        <translation>o IVA incluído</translation>
    </message>
    <message>
        <source>the amount paid</source>
        <translation>o valor pago</translation>
    </message>
    <message>
        <source>the amount paid so far</source>
        <translation>o valor pago até agora</translation>
    </message>
    <message>
        <source>the sale&apos;s discount</source>
        <translation>o desconto da venda</translation>
    </message>
    <message>
        <source>a line&apos;s unit price</source>
        <translation>o preço unitário de uma linha</translation>
    </message>
    <message>
        <source>an IVA rate</source>
        <translation>uma alíquota de IVA</translation>
    </message>
    <message>
        <source>a line&apos;s weight or measure</source>
        <translation>o peso ou a medida de uma linha</translation>
    </message>
    <message>
        <source>a line&apos;s discount</source>
        <translation>o desconto de uma linha</translation>
    </message>
    <message>
        <source>a line&apos;s amount</source>
        <translation>o valor de uma linha</translation>
    </message>
    <message>
        <source>the amount</source>
        <translation>o valor</translation>
    </message>
    <message>
        <source>a refund&apos;s amount</source>
        <translation>o valor de uma devolução</translation>
    </message>
    <message>
        <source>the starting float</source>
        <translation>o troco inicial</translation>
    </message>
    <message>
        <source>sale {reference}</source>
        <translation>venda {reference}</translation>
    </message>
    <message>
        <source>refund {number}</source>
        <translation>devolução {number}</translation>
    </message>
    <message>
        <source>cash movement {number}</source>
        <translation>movimento de dinheiro {number}</translation>
    </message>
    <message>
        <source>shift {number}</source>
        <translation>turno {number}</translation>
    </message>
    <message>
        <source>product {sku}</source>
        <translation>produto {sku}</translation>
    </message>
</context>
<context>
    <name>LedgerRecovery</name>
    <message>
        <source>Choose a backup of the sales ledger</source>
        <translation>Escolha uma cópia de segurança do registro de vendas</translation>
    </message>
    <message>
        <source>The sales ledger is damaged</source>
        <translation>O registro de vendas está danificado</translation>
    </message>
    <message>
        <source>The sales ledger {path} is damaged: part of it can no longer be read ({detail}). Nothing was changed in it. Choose how to sell again; the damaged file is kept aside under a dated name either way.</source>
        <translation>O registro de vendas {path} está danificado: uma parte não pode mais ser lida ({detail}). Nada foi alterado nele. Escolha como voltar a vender; em qualquer caso, o arquivo danificado fica guardado à parte com a data no nome.</translation>
    </message>
    <message>
        <source>A fresh ledger starts the sales history again; a backup brings back the sales it holds. Sales that were waiting for payment are listed afterwards: check them in Mercado Pago before charging them again.</source>
        <translation>Um registro novo começa o histórico de vendas do zero; uma cópia de segurança traz de volta as vendas que contém. Depois são listadas as vendas que aguardavam pagamento: confira-as no Mercado Pago antes de cobrá-las de novo.</translation>
    </message>
    <message>
        <source>Start a fresh ledger</source>
        <translation>Começar um registro novo</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Restaurar uma cópia…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <source>The sales ledger was restored from {backup}.</source>
        <translation>O registro de vendas foi restaurado a partir de {backup}.</translation>
    </message>
    <message>
        <source>A fresh sales ledger was started.</source>
        <translation>Um registro de vendas novo foi iniciado.</translation>
    </message>
    <message>
        <source>The damaged one is kept as {file}.</source>
        <translation>O danificado fica guardado como {file}.</translation>
    </message>
    <message>
        <source>These sales were waiting for payment: check them in Mercado Pago before charging them again: {references}</source>
        <translation>Estas vendas aguardavam pagamento: confira-as no Mercado Pago antes de cobrá-las de novo: {references}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Counter — Mercado Pago QR</source>
        <translation>Caixa — QR do Mercado Pago</translation>
    </message>
    <message>
        <source>Custom amount  (F2)</source>
        <translation>Valor avulso  (F2)</translation>
    </message>
    <message>
        <source>Charge with QR</source>
        <translation>Cobrar com QR</translation>
    </message>
    <message>
        <source>Custom amount</source>
        <translation>Valor avulso</translation>
    </message>
    <message>
        <source>Sales  (F3)</source>
        <translation>Vendas  (F3)</translation>
    </message>
    <message>
        <source>Sales history</source>
        <translation>Histórico de vendas</translation>
    </message>
    <message>
        <source>Cancel charge</source>
        <translation>Cancelar cobrança</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nova venda</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Desconto no item</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Desconto na venda</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Configurações…</translation>
    </message>
    <message>
        <source>Add a product…</source>
        <translation>Adicionar um produto…</translation>
    </message>
    <message>
        <source>Products…</source>
        <translation>Produtos…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Dia</translation>
    </message>
    <message>
        <source>Cash drawer…</source>
        <translation>Caixa…</translation>
    </message>
    <message>
        <source>Close the day…</source>
        <translation>Fechar o dia…</translation>
    </message>
    <message>
        <source>Store and chain…</source>
        <translation>Loja e rede…</translation>
    </message>
    <message>
        <source>Still connecting: this works in a moment, once the status bar says so.</source>
        <translation>Ainda conectando: isto funciona em um instante, quando a barra de status indicar.</translation>
    </message>
    <message>
        <source>Whole sale</source>
        <translation>Venda inteira</translation>
    </message>
    <message>
        <source>The discount on {title} is now above {limit} % (the line changed): apply it again with F7.</source>
        <translation>O desconto em {title} agora passa de {limit} % (a linha mudou): aplique de novo com F7.</translation>
    </message>
    <message>
        <source>The sale&apos;s discount is now above {limit} % (the cart changed): apply it again with F8.</source>
        <translation>O desconto da venda agora passa de {limit} % (o carrinho mudou): aplique de novo com F8.</translation>
    </message>
    <message>
        <source>Added {title} — {qty} × {price}</source>
        <translation>Adicionado: {title} — {qty} × {price}</translation>
    </message>
    <message>
        <source>No product matches “{text}”. Check the code, or use a custom amount (F2).</source>
        <translation>Nenhum produto corresponde a “{text}”. Verifique o código ou use um valor avulso (F2).</translation>
    </message>
    <message>
        <source>Add this product…  (Ctrl+N)</source>
        <translation>Adicionar este produto…  (Ctrl+N)</translation>
    </message>
    <message>
        <source>No products yet: add them or import your list in Tools → Products (F6).</source>
        <translation>Ainda não há produtos: adicione-os ou importe sua lista em Ferramentas → Produtos (F6).</translation>
    </message>
    <message>
        <source>Open Products</source>
        <translation>Abrir Produtos</translation>
    </message>
    <message>
        <source>The cart is empty: scan or add an item first.</source>
        <translation>O carrinho está vazio: primeiro escaneie ou adicione um item.</translation>
    </message>
    <message>
        <source>The receipt did not print: {problem} Print it again from Today&apos;s sales (F3).</source>
        <translation>O comprovante não foi impresso: {problem} Imprima de novo em Vendas de hoje (F3).</translation>
    </message>
    <message>
        <source>This account is from another country: close and open the app again so prices use its currency.</source>
        <translation>Esta conta é de outro país: feche e abra o aplicativo de novo para que os preços usem a moeda dela.</translation>
    </message>
    <message>
        <source>Saving a file: the window closes once it is written.</source>
        <translation>Salvando um arquivo: a janela fecha assim que ele for gravado.</translation>
    </message>
</context>
<context>
    <name>MercadoPago</name>
    <message>
        <source>Mercado Pago refused access: this access token may not act for this account (is the store or box from another account?).</source>
        <translation>O Mercado Pago recusou o acesso: este token de acesso não pode operar nesta conta (a loja ou o caixa são de outra conta?).</translation>
    </message>
    <message>
        <source>Mercado Pago did not accept the access token: it is wrong or was revoked. Paste the access token (APP_USR-...) again in Settings, not the public key.</source>
        <translation>O Mercado Pago não aceitou o token de acesso: ele está errado ou foi revogado. Cole de novo o token de acesso (APP_USR-...) nas Configurações, não a chave pública.</translation>
    </message>
    <message>
        <source>There is no access token on this computer: the keyring holds none or could not be read (locked, or out of reach from this session), and MP_ACCESS_TOKEN is not set. Nothing was sent to Mercado Pago. Save the token in Settings, or run &apos;pos-app doctor&apos; to see why.</source>
        <translation>Não há um token de acesso neste computador: o chaveiro não tem nenhum ou não pôde ser lido (está bloqueado ou fora do alcance desta sessão) e MP_ACCESS_TOKEN não está definida. Nada foi enviado ao Mercado Pago. Salve o token nas Configurações ou execute &apos;pos-app doctor&apos; para ver por quê.</translation>
    </message>
    <message>
        <source>Mercado Pago does not know this computer&apos;s box (was it deleted, or is it from another account?). Choose or create the box in Settings → Store and box ({key}).</source>
        <translation>O Mercado Pago não conhece o caixa deste computador (foi excluído ou é de outra conta?). Escolha ou crie o caixa em Configurações → Loja e caixa ({key}).</translation>
    </message>
    <message>
        <source>Mercado Pago refused the request: {detail} ({key}).</source>
        <translation>O Mercado Pago recusou a solicitação: {detail} ({key}).</translation>
    </message>
    <message>
        <source>Mercado Pago does not know this resource: {detail}.</source>
        <translation>O Mercado Pago não conhece este recurso: {detail}.</translation>
    </message>
    <message>
        <source>Mercado Pago is busy (too many requests).</source>
        <translation>O Mercado Pago está ocupado (solicitações demais).</translation>
    </message>
    <message>
        <source>Mercado Pago had a problem on its side (error {status}).</source>
        <translation>O Mercado Pago teve um problema do lado dele (erro {status}).</translation>
    </message>
    <message>
        <source>Mercado Pago did not answer in time.</source>
        <translation>O Mercado Pago não respondeu a tempo.</translation>
    </message>
    <message>
        <source>Cannot reach Mercado Pago ({detail}). Check the internet connection.</source>
        <translation>Não é possível conectar ao Mercado Pago ({detail}). Verifique a conexão com a internet.</translation>
    </message>
    <message>
        <source>Mercado Pago sent an answer the app cannot read: {detail}.</source>
        <translation>O Mercado Pago enviou uma resposta que o aplicativo não consegue ler: {detail}.</translation>
    </message>
    <message>
        <source>Mercado Pago lists more than {count} payments for that period: too many to check here. Use Mercado Pago&apos;s own activity report.</source>
        <translation>O Mercado Pago lista mais de {count} pagamentos nesse período: são muitos para conferir aqui. Use o relatório de atividade do próprio Mercado Pago.</translation>
    </message>
    <message>
        <source>Mercado Pago lists more than {count} stores or boxes for this account: too many to list here. Set this computer&apos;s with &apos;pos-app configure --store ID --box ID&apos;.</source>
        <translation>O Mercado Pago lista mais de {count} lojas ou caixas para esta conta: são muitas para mostrar aqui. Configure as deste computador com &apos;pos-app configure --store ID --box ID&apos;.</translation>
    </message>
</context>
<context>
    <name>Network</name>
    <message>
        <source>The certificates for secure connections cannot be read from {where} ({error}). Check SSL_CERT_FILE and SSL_CERT_DIR, or unset them.</source>
        <translation>Não é possível ler os certificados para conexões seguras de {where} ({error}). Verifique SSL_CERT_FILE e SSL_CERT_DIR, ou remova-as.</translation>
    </message>
</context>
<context>
    <name>NewBoxForm</name>
    <message>
        <source>New box</source>
        <translation>Novo caixa</translation>
    </message>
    <message>
        <source>Create box</source>
        <translation>Criar caixa</translation>
    </message>
    <message>
        <source>Box name:</source>
        <translation>Nome do caixa:</translation>
    </message>
    <message>
        <source>Up to 44 characters, e.g. “Box 1” or “Front counter”.</source>
        <translation>Até 44 caracteres, ex.: “Caixa 1” ou “Balcão da frente”.</translation>
    </message>
    <message>
        <source>Box id:</source>
        <translation>ID do caixa:</translation>
    </message>
    <message>
        <source>Letters and digits only, fewer than 40 (e.g. CAJA01). It cannot be changed later.</source>
        <translation>Só letras e números, menos de 40 (ex.: CAIXA01). Não pode ser alterado depois.</translation>
    </message>
    <message>
        <source>Category (optional):</source>
        <translation>Categoria (opcional):</translation>
    </message>
    <message>
        <source>A box is one till with its own QR sticker. It is created for fixed amounts: the QR shows the customer exactly what this computer charges.</source>
        <translation>Um caixa é um ponto de cobrança com o seu próprio adesivo QR. Ele é criado para valores fixos: o QR mostra ao cliente exatamente o que este computador cobra.</translation>
    </message>
    <message>
        <source>New box in {store}</source>
        <translation>Novo caixa em {store}</translation>
    </message>
    <message>
        <source>Box {number}</source>
        <translation>Caixa {number}</translation>
    </message>
    <message>
        <source>The MCC code of your trade, if Mercado Pago gave you one. For food and drink in {country}: {code}. Leave it empty if unsure.</source>
        <translation>O código MCC do seu ramo, se o Mercado Pago lhe deu um. Para alimentos e bebidas em {country}: {code}. Deixe vazio se não tiver certeza.</translation>
    </message>
    <message>
        <source>The MCC code of your trade, if you know it. Leave it empty if unsure.</source>
        <translation>O código MCC do seu ramo, se você souber. Deixe vazio se não tiver certeza.</translation>
    </message>
</context>
<context>
    <name>NewStoreForm</name>
    <message>
        <source>e.g. Almacén Don Pepe</source>
        <translation>ex.: Mercadinho Dona Maria</translation>
    </message>
    <message>
        <source>e.g. Av. Corrientes</source>
        <translation>ex.: Av. Paulista</translation>
    </message>
    <message>
        <source>province or state</source>
        <translation>estado ou província</translation>
    </message>
    <message>
        <source>Add opening hours (optional)</source>
        <translation>Adicionar horário de funcionamento (opcional)</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Seg</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Ter</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Qua</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Dom</translation>
    </message>
    <message>
        <source>from</source>
        <translation>das</translation>
    </message>
    <message>
        <source>to</source>
        <translation>às</translation>
    </message>
    <message>
        <source>Create store</source>
        <translation>Criar loja</translation>
    </message>
    <message>
        <source>Store name:</source>
        <translation>Nome da loja:</translation>
    </message>
    <message>
        <source>As your customers know the shop.</source>
        <translation>Como os seus clientes conhecem o negócio.</translation>
    </message>
    <message>
        <source>Store id:</source>
        <translation>ID da loja:</translation>
    </message>
    <message>
        <source>Your own short code for this store: letters and digits only, up to 60 (e.g. SUC001). The app uses it to find the store.</source>
        <translation>O seu próprio código curto para esta loja: só letras e números, até 60 (ex.: LOJA001). O aplicativo o usa para encontrar a loja.</translation>
    </message>
    <message>
        <source>Street:</source>
        <translation>Rua:</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Número:</translation>
    </message>
    <message>
        <source>City:</source>
        <translation>Cidade:</translation>
    </message>
    <message>
        <source>State or province:</source>
        <translation>Estado ou província:</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>Latitude:</translation>
    </message>
    <message>
        <source>In Google Maps, right-click your shop: the first line is “latitude, longitude”. Click it to copy, then paste both numbers here.</source>
        <translation>No Google Maps, clique com o botão direito no seu negócio: a primeira linha é “latitude, longitude”. Clique nela para copiar e cole os dois números aqui.</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>Longitude:</translation>
    </message>
    <message>
        <source>New store</source>
        <translation>Nova loja</translation>
    </message>
    <message>
        <source>Mercado Pago asks for the shop&apos;s address and its place on the map. A field with a message under it needs attention.</source>
        <translation>O Mercado Pago pede o endereço do negócio e a localização dele no mapa. Um campo com uma mensagem abaixo precisa de atenção.</translation>
    </message>
</context>
<context>
    <name>PaymentBanner</name>
    <message>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <source>Sending the order to Mercado Pago.</source>
        <translation>Enviando o pedido ao Mercado Pago.</translation>
    </message>
    <message>
        <source>To charge again, press “{back}”; Enter starts a new sale.</source>
        <translation>Para cobrar de novo, pressione “{back}”; Enter começa uma nova venda.</translation>
    </message>
    <message>
        <source>The customer DID pay — do not charge again</source>
        <translation>O cliente PAGOU: não cobre de novo</translation>
    </message>
    <message>
        <source>{amount} arrived with Mercado Pago after the charge was canceled. If you also took cash, give it back.</source>
        <translation>{amount} chegaram pelo Mercado Pago depois que a cobrança foi cancelada. Se também recebeu em dinheiro, devolva.</translation>
    </message>
    <message>
        <source>PAID</source>
        <translation>PAGO</translation>
    </message>
    <message>
        <source>{amount} received with Mercado Pago.</source>
        <translation>{amount} recebidos pelo Mercado Pago.</translation>
    </message>
    <message>
        <source>Customer pays cash</source>
        <translation>O cliente paga em dinheiro</translation>
    </message>
    <message>
        <source>The QR charge was canceled. Take {amount} in cash.</source>
        <translation>A cobrança com QR foi cancelada. Receba {amount} em dinheiro.</translation>
    </message>
    <message>
        <source>Nothing was charged.</source>
        <translation>Nada foi cobrado.</translation>
    </message>
    <message>
        <source>Nobody paid before the order expired. Nothing was charged.</source>
        <translation>Ninguém pagou antes de o pedido expirar. Nada foi cobrado.</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>nenhum motivo informado</translation>
    </message>
    <message>
        <source>Mercado Pago refused the order</source>
        <translation>O Mercado Pago recusou o pedido</translation>
    </message>
    <message>
        <source>Nothing was charged. Reason: {reason}</source>
        <translation>Nada foi cobrado. Motivo: {reason}</translation>
    </message>
    <message>
        <source>This sale can no longer be checked</source>
        <translation>Esta venda não pode mais ser verificada</translation>
    </message>
    <message>
        <source>Its record in the sales ledger was changed while it waited. If the customer shows a paid receipt, do not charge again: the day&apos;s check finds the payment. Run &apos;pos-app doctor&apos; or call support.</source>
        <translation>A anotação dela no registro de vendas foi alterada enquanto esperava. Se o cliente mostrar um comprovante pago, não cobre de novo: a conferência do dia encontra o pagamento. Execute &apos;pos-app doctor&apos; ou chame o suporte.</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Removing the order and making sure nobody paid it.</source>
        <translation>Retirando o pedido e confirmando que ninguém o pagou.</translation>
    </message>
    <message>
        <source>{amount} arrived with Mercado Pago after you took cash: paid twice. Give the cash back with a refund (Sales, the sale, Refund, In cash), so the drawer adds up.</source>
        <translation>{amount} chegaram pelo Mercado Pago depois que você recebeu em dinheiro: pago duas vezes. Devolva o dinheiro com uma devolução (Vendas, a venda, Devolver, Em dinheiro), assim o caixa fecha.</translation>
    </message>
    <message>
        <source>{amount} arrived with Mercado Pago while the charge was being canceled. Do not take cash; if you already took it, give it back.</source>
        <translation>{amount} chegaram pelo Mercado Pago enquanto a cobrança era cancelada. Não receba em dinheiro; se já recebeu, devolva.</translation>
    </message>
    <message>
        <source>✕ Canceled</source>
        <translation>✕ Cancelado</translation>
    </message>
    <message>
        <source>◷ Expired</source>
        <translation>◷ Expirado</translation>
    </message>
    <message>
        <source>Mercado Pago refused the credentials</source>
        <translation>O Mercado Pago recusou as credenciais</translation>
    </message>
    <message>
        <source>The app cannot check this payment until the access token works again: check it in Settings. If the customer shows a paid receipt, do not charge again.</source>
        <translation>O aplicativo não consegue verificar este pagamento até o token de acesso voltar a funcionar: verifique-o nas Configurações. Se o cliente mostrar um comprovante pago, não cobre de novo.</translation>
    </message>
    <message>
        <source>Connection trouble — still trying</source>
        <translation>Problemas de conexão: ainda tentando</translation>
    </message>
    <message>
        <source>No answer from Mercado Pago since {time}. The customer can still pay; the app will notice as soon as the connection is back.</source>
        <translation>Sem resposta do Mercado Pago desde as {time}. O cliente ainda pode pagar; o aplicativo vai perceber assim que a conexão voltar.</translation>
    </message>
    <message>
        <source>Last attempt was rejected — the customer can try again</source>
        <translation>A última tentativa foi recusada: o cliente pode tentar de novo</translation>
    </message>
    <message>
        <source>The customer can pay again with another card or with money in the account.</source>
        <translation>O cliente pode pagar de novo com outro cartão ou com saldo na conta.</translation>
    </message>
    <message>
        <source>Waiting for the customer to scan and pay</source>
        <translation>Aguardando o cliente escanear e pagar</translation>
    </message>
    <message>
        <source>Paid so far: {paid} of {total}. Waiting for the rest.</source>
        <translation>Pago até agora: {paid} de {total}. Aguardando o restante.</translation>
    </message>
    <message>
        <source>Ask the customer to scan the QR code at the counter.</source>
        <translation>Peça ao cliente que escaneie o código QR do caixa.</translation>
    </message>
</context>
<context>
    <name>PaymentPanel</name>
    <message>
        <source>Payment status</source>
        <translation>Situação do pagamento</translation>
    </message>
    <message>
        <source>QR code for this sale</source>
        <translation>Código QR desta venda</translation>
    </message>
    <message>
        <source>Scan this code with the Mercado Pago app</source>
        <translation>Escaneie este código com o app do Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago is answering slowly…</source>
        <translation>O Mercado Pago está respondendo devagar…</translation>
    </message>
    <message>
        <source>Cancel charge  (Esc)</source>
        <translation>Cancelar cobrança  (Esc)</translation>
    </message>
    <message>
        <source>Customer pays cash</source>
        <translation>O cliente paga em dinheiro</translation>
    </message>
    <message>
        <source>Check payment now</source>
        <translation>Verificar o pagamento agora</translation>
    </message>
    <message>
        <source>New sale  (Enter)</source>
        <translation>Nova venda  (Enter)</translation>
    </message>
    <message>
        <source>Back to the cart</source>
        <translation>Voltar ao carrinho</translation>
    </message>
    <message>
        <source>Checking with Mercado Pago…</source>
        <translation>Consultando o Mercado Pago…</translation>
    </message>
    <message>
        <source>Checked at {time}: Mercado Pago did not answer. Try again.</source>
        <translation>Consultado às {time}: o Mercado Pago não respondeu. Tente de novo.</translation>
    </message>
    <message>
        <source>Checked at {time}: still waiting for the payment.</source>
        <translation>Consultado às {time}: ainda aguardando o pagamento.</translation>
    </message>
    <message>
        <source>Sale {reference}</source>
        <translation>Venda {reference}</translation>
    </message>
    <message>
        <source>Took {time}</source>
        <translation>Levou {time}</translation>
    </message>
    <message>
        <source>Elapsed {time}</source>
        <translation>Decorrido {time}</translation>
    </message>
    <message>
        <source>Expires in {time}</source>
        <translation>Expira em {time}</translation>
    </message>
    <message>
        <source>Expiring…</source>
        <translation>Expirando…</translation>
    </message>
</context>
<context>
    <name>PosStatusBar</name>
    <message>
        <source>Mercado Pago is answering slowly…</source>
        <translation>O Mercado Pago está respondendo devagar…</translation>
    </message>
    <message>
        <source>TEST</source>
        <translation>TESTE</translation>
    </message>
    <message>
        <source>Test-user credentials: payments are simulated, no real money moves.</source>
        <translation>Credenciais de usuário de teste: os pagamentos são simulados, nenhum dinheiro real é movimentado.</translation>
    </message>
    <message>
        <source>no store configured</source>
        <translation>nenhuma loja configurada</translation>
    </message>
    <message>
        <source>Box {id}</source>
        <translation>Caixa {id}</translation>
    </message>
    <message>
        <source>no box configured</source>
        <translation>nenhum caixa configurado</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Opening the sales ledger and the connection</source>
        <translation>Abrindo o registro de vendas e a conexão</translation>
    </message>
    <message>
        <source>Mercado Pago: not contacted yet</source>
        <translation>Mercado Pago: ainda não contatado</translation>
    </message>
    <message>
        <source>● Mercado Pago: online</source>
        <translation>● Mercado Pago: on-line</translation>
    </message>
    <message>
        <source>● Mercado Pago refused the credentials</source>
        <translation>● O Mercado Pago recusou as credenciais</translation>
    </message>
    <message>
        <source>● Connection trouble since {time}</source>
        <translation>● Problemas de conexão desde as {time}</translation>
    </message>
    <message>
        <source>Notifications off (checking by polling)</source>
        <translation>Notificações desativadas (verificação por consulta)</translation>
    </message>
    <message>
        <source>Instant payment notifications could not start ({detail}). Payments are still found by asking Mercado Pago, a moment later.</source>
        <translation>Não foi possível iniciar as notificações instantâneas de pagamento ({detail}). Os pagamentos continuam sendo encontrados consultando o Mercado Pago, um pouco depois.</translation>
    </message>
    <message>
        <source>Notifications on</source>
        <translation>Notificações ativadas</translation>
    </message>
    <message>
        <source>Listening on {url}</source>
        <translation>Escutando em {url}</translation>
    </message>
    <message>
        <source>A sale could not be read: run &apos;pos-app doctor&apos; or call support</source>
        <translation>Uma venda não pôde ser lida: execute &apos;pos-app doctor&apos; ou chame o suporte</translation>
    </message>
    <message>
        <source>{count} sales could not be read: run &apos;pos-app doctor&apos; or call support</source>
        <translation>{count} vendas não puderam ser lidas: execute &apos;pos-app doctor&apos; ou chame o suporte</translation>
    </message>
    <message>
        <source>Store database: 1 change refused</source>
        <translation>Banco de dados da loja: 1 alteração recusada</translation>
    </message>
    <message>
        <source>Store database: {count} changes refused</source>
        <translation>Banco de dados da loja: {count} alterações recusadas</translation>
    </message>
    <message>
        <source>The store database refuses one of this counter&apos;s changes ({detail}). It is kept in the ledger and tried again at the next start; the other changes are sent as usual. &apos;pos-app doctor&apos; tells more.</source>
        <translation>O banco de dados da loja recusa uma alteração deste caixa ({detail}). Ela fica guardada no registro de vendas e é tentada de novo na próxima inicialização; as demais alterações são enviadas normalmente. &apos;pos-app doctor&apos; dá mais detalhes.</translation>
    </message>
    <message>
        <source>The store database refuses {count} of this counter&apos;s changes ({detail}). They are kept in the ledger and tried again at the next start; the other changes are sent as usual. &apos;pos-app doctor&apos; tells more.</source>
        <translation>O banco de dados da loja recusa {count} alterações deste caixa ({detail}). Elas ficam guardadas no registro de vendas e são tentadas de novo na próxima inicialização; as demais alterações são enviadas normalmente. &apos;pos-app doctor&apos; dá mais detalhes.</translation>
    </message>
    <message>
        <source>Store database: up to date</source>
        <translation>Banco de dados da loja: em dia</translation>
    </message>
    <message>
        <source>Store database: 1 change waiting since {time}</source>
        <translation>Banco de dados da loja: 1 alteração pendente desde {time}</translation>
    </message>
    <message>
        <source>Store database: {count} changes waiting since {time}</source>
        <translation>Banco de dados da loja: {count} alterações pendentes desde {time}</translation>
    </message>
    <message>
        <source>The store database cannot be reached ({detail}). This counter sells on; its changes wait in the ledger and are sent when it answers again.</source>
        <translation>Não foi possível acessar o banco de dados da loja ({detail}). Este caixa continua vendendo; as alterações aguardam no registro de vendas e são enviadas quando ele voltar a responder.</translation>
    </message>
</context>
<context>
    <name>PriceDialogs</name>
    <message>
        <source>−{percent} %</source>
        <translation>−{percent} %</translation>
    </message>
    <message>
        <source>−{amount}</source>
        <translation>−{amount}</translation>
    </message>
    <message>
        <source>now {price}</source>
        <translation>agora {price}</translation>
    </message>
    <message>
        <source>Type the percentage like 10 or 12,5.</source>
        <translation>Digite a porcentagem assim: 10 ou 12,5.</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <source>No printer is chosen.</source>
        <translation>Nenhuma impressora foi escolhida.</translation>
    </message>
    <message>
        <source>A USB printer is written usb:VENDOR:PRODUCT, e.g. usb:04b8:0202.</source>
        <translation>Uma impressora USB é escrita usb:FABRICANTE:PRODUTO, por exemplo usb:04b8:0202.</translation>
    </message>
    <message>
        <source>A network printer is written net:ADDRESS or net:ADDRESS:PORT.</source>
        <translation>Uma impressora de rede é escrita net:ENDEREÇO ou net:ENDEREÇO:PORTA.</translation>
    </message>
    <message>
        <source>A serial printer is written serial:PORT or serial:PORT@BAUD.</source>
        <translation>Uma impressora serial é escrita serial:PORTA ou serial:PORTA@BAUD.</translation>
    </message>
    <message>
        <source>Write the printer&apos;s device or file path.</source>
        <translation>Escreva o caminho do dispositivo ou do arquivo da impressora.</translation>
    </message>
    <message>
        <source>The printer is out of paper.</source>
        <translation>A impressora está sem papel.</translation>
    </message>
    <message>
        <source>The printer is not connected (unplugged, or turned off).</source>
        <translation>A impressora não está conectada (desligada da tomada ou desligada).</translation>
    </message>
    <message>
        <source>This computer&apos;s user may not use the printer (permission denied).</source>
        <translation>O usuário deste computador não tem permissão para usar a impressora.</translation>
    </message>
    <message>
        <source>The printer does not answer: check that it is on and connected.</source>
        <translation>A impressora não responde: verifique se está ligada e conectada.</translation>
    </message>
    <message>
        <source>The printer reports a problem: check that it is on, closed and has paper.</source>
        <translation>A impressora informa um problema: verifique se está ligada, fechada e com papel.</translation>
    </message>
    <message>
        <source>This kind of printer needs a component that is not installed.</source>
        <translation>Este tipo de impressora precisa de um componente que não está instalado.</translation>
    </message>
    <message>
        <source>The printer could not print ({error}).</source>
        <translation>A impressora não conseguiu imprimir ({error}).</translation>
    </message>
</context>
<context>
    <name>ProductEditor</name>
    <message>
        <source>Change product</source>
        <translation>Alterar produto</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Novo produto</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidade</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Pacote</translation>
    </message>
    <message>
        <source>By weight, price per kg</source>
        <translation>Por peso, preço por kg</translation>
    </message>
    <message>
        <source>By weight, price per g</source>
        <translation>Por peso, preço por g</translation>
    </message>
    <message>
        <source>By volume, price per litre</source>
        <translation>Por volume, preço por litro</translation>
    </message>
    <message>
        <source>By length, price per metre</source>
        <translation>Por comprimento, preço por metro</translation>
    </message>
    <message>
        <source>IVA {rate} % (included in the price)</source>
        <translation>IVA {rate} % (incluído no preço)</translation>
    </message>
    <message>
        <source>Exempt from IVA</source>
        <translation>Isento de IVA</translation>
    </message>
    <message>
        <source>Your own code for the product.</source>
        <translation>Seu próprio código para o produto.</translation>
    </message>
    <message>
        <source>Optional: the number under the bars, for the scanner.</source>
        <translation>Opcional: o número embaixo das barras, para o leitor.</translation>
    </message>
    <message>
        <source>Price to the customer, e.g. {example}. Past sales keep their price.</source>
        <translation>Preço ao cliente, ex.: {example}. As vendas anteriores mantêm seu preço.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>Barcode:</source>
        <translation>Código de barras:</translation>
    </message>
    <message>
        <source>Price:</source>
        <translation>Preço:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Categoria:</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>Opcional.</translation>
    </message>
    <message>
        <source>Sold by:</source>
        <translation>Vendido por:</translation>
    </message>
    <message>
        <source>IVA:</source>
        <translation>IVA:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>The scanned code {code} is not in your products yet: add it once, and the next scan finds it.</source>
        <translation>O código escaneado {code} ainda não está nos seus produtos: adicione-o uma vez e a próxima leitura o encontra.</translation>
    </message>
    <message>
        <source>Discard the changes to this product?</source>
        <translation>Descartar as alterações deste produto?</translation>
    </message>
    <message>
        <source>Write the product&apos;s name.</source>
        <translation>Escreva o nome do produto.</translation>
    </message>
    <message>
        <source>Write a SKU (any code of yours).</source>
        <translation>Escreva um SKU (qualquer código seu).</translation>
    </message>
    <message>
        <source>Write the price.</source>
        <translation>Escreva o preço.</translation>
    </message>
    <message>
        <source>Another product already has this SKU: {title}.</source>
        <translation>Outro produto já tem este SKU: {title}.</translation>
    </message>
    <message>
        <source>This barcode is already on {title} ({sku}).</source>
        <translation>Este código de barras já está em {title} ({sku}).</translation>
    </message>
</context>
<context>
    <name>ProductSearch</name>
    <message>
        <source>Price damaged</source>
        <translation>Preço danificado</translation>
    </message>
    <message>
        <source>Code {code}</source>
        <translation>Código {code}</translation>
    </message>
    <message>
        <source>{n} products match: pick one with ↑ ↓ and Enter, or tap it.</source>
        <translation>{n} produtos correspondem: escolha um com ↑ ↓ e Enter, ou toque nele.</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Sold by</source>
        <translation>Vendido por</translation>
    </message>
    <message>
        <source>IVA</source>
        <translation>IVA</translation>
    </message>
    <message>
        <source>Price damaged</source>
        <translation>Preço danificado</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>Pacote</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidade</translation>
    </message>
    <message>
        <source>Exempt</source>
        <translation>Isento</translation>
    </message>
</context>
<context>
    <name>ProductsWindow</name>
    <message>
        <source>Products</source>
        <translation>Produtos</translation>
    </message>
    <message>
        <source>Search by name, SKU or barcode</source>
        <translation>Buscar por nome, SKU ou código de barras</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Adicionar…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Alterar…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Excluir</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importar CSV…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Search the products</source>
        <translation>Pesquisar nos produtos</translation>
    </message>
    <message>
        <source>No products yet. Add them one by one with “Add…”, or bring your whole list with “Import CSV…” (columns sku, title, unit_price; optional barcode, category, unit_measure, iva_rate).</source>
        <translation>Ainda não há produtos. Adicione-os um a um com “Adicionar…” ou traga sua lista inteira com “Importar CSV…” (colunas sku, title, unit_price; opcionais barcode, category, unit_measure, iva_rate).</translation>
    </message>
    <message>
        <source>No product matches “{text}”.</source>
        <translation>Nenhum produto corresponde a “{text}”.</translation>
    </message>
    <message>
        <source>{shown} found, of 1 product</source>
        <translation>{shown} encontrados, de 1 produto</translation>
    </message>
    <message>
        <source>{shown} found, of {total} products</source>
        <translation>{shown} encontrados, de {total} produtos</translation>
    </message>
    <message>
        <source>1 product</source>
        <translation>1 produto</translation>
    </message>
    <message>
        <source>{total} products</source>
        <translation>{total} produtos</translation>
    </message>
    <message>
        <source>Delete product</source>
        <translation>Excluir produto</translation>
    </message>
    <message>
        <source>Delete {title} ({sku})? Past sales keep it; it just cannot be sold any more.</source>
        <translation>Excluir {title} ({sku})? As vendas anteriores o mantêm; ele só não pode mais ser vendido.</translation>
    </message>
    <message>
        <source>products.csv</source>
        <translation>produtos.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saving the products to {file}…</source>
        <translation>Salvando os produtos em {file}…</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}</source>
        <translation>Não foi possível gravar {file}: {error}</translation>
    </message>
    <message>
        <source>1 product saved to {file}.</source>
        <translation>1 produto salvo em {file}.</translation>
    </message>
    <message>
        <source>{n} products saved to {file}.</source>
        <translation>{n} produtos salvos em {file}.</translation>
    </message>
    <message>
        <source>Damaged prices, saved as they are stored (the import refuses those rows until fixed): {products}. Open each one here and type its price again.</source>
        <translation>Preços danificados, salvos como estão (a importação recusa essas linhas até serem corrigidos): {products}. Abra cada um aqui e digite o preço de novo.</translation>
    </message>
</context>
<context>
    <name>QuantityDelegate</name>
    <message>
        <source>Quantity</source>
        <translation>Quantidade</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>SALE RECEIPT</source>
        <translation>COMPROVANTE DE VENDA</translation>
    </message>
    <message>
        <source>REFUND RECEIPT</source>
        <translation>COMPROVANTE DE DEVOLUÇÃO</translation>
    </message>
    <message>
        <source>TEST PRINT</source>
        <translation>IMPRESSÃO DE TESTE</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Loja</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Venda</translation>
    </message>
    <message>
        <source>Original sale</source>
        <translation>Venda original</translation>
    </message>
    <message>
        <source>Sold on</source>
        <translation>Vendido em</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Desconto</translation>
    </message>
    <message>
        <source>Sale discount</source>
        <translation>Desconto na venda</translation>
    </message>
    <message>
        <source>REFUNDED</source>
        <translation>DEVOLVIDO</translation>
    </message>
    <message>
        <source>Refunded on the sale&apos;s other payments</source>
        <translation>Devolvido nos outros pagamentos da venda</translation>
    </message>
    <message>
        <source>IVA {rate} % included</source>
        <translation>IVA {rate} % incluído</translation>
    </message>
    <message>
        <source>Total IVA included</source>
        <translation>Total de IVA incluído</translation>
    </message>
    <message>
        <source>Refund of an amount, not of items: its IVA is split over the sale&apos;s rates in proportion.</source>
        <translation>Devolução de um valor, não de itens: seu IVA é dividido entre as alíquotas da venda em proporção.</translation>
    </message>
    <message>
        <source>Part of these items&apos; price was given back before, in a refund of an amount: the rest of this refund is the sale&apos;s other items&apos;, with their IVA rates in proportion.</source>
        <translation>Parte do preço destes itens foi devolvida antes, em uma devolução de um valor: o restante desta devolução corresponde aos outros itens da venda, com suas alíquotas de IVA em proporção.</translation>
    </message>
    <message>
        <source>Paid with Mercado Pago (QR)</source>
        <translation>Pago com Mercado Pago (QR)</translation>
    </message>
    <message>
        <source>Paid in cash</source>
        <translation>Pago em dinheiro</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pagamento</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Refunded through Mercado Pago</source>
        <translation>Devolvido pelo Mercado Pago</translation>
    </message>
    <message>
        <source>Refunded in cash</source>
        <translation>Devolvido em dinheiro</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Devolução</translation>
    </message>
    <message>
        <source>Reason: {note}</source>
        <translation>Motivo: {note}</translation>
    </message>
    <message>
        <source>This is not a fiscal invoice.</source>
        <translation>Não é documento fiscal.</translation>
    </message>
    <message>
        <source>If you can read this, the printer works. Accents: áéíóú ñ ç ã õ ¿¡</source>
        <translation>Se você consegue ler isto, a impressora funciona. Acentos: áéíóú ñ ç ã õ ¿¡</translation>
    </message>
    <message>
        <source>Scan to pay at this box</source>
        <translation>Escaneie para pagar neste caixa</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <source>The system printer “{name}” is not available.</source>
        <translation>A impressora do sistema “{name}” não está disponível.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>padrão</translation>
    </message>
</context>
<context>
    <name>ReceiptPreviewDialog</name>
    <message>
        <source>Refund receipt {reference}</source>
        <translation>Comprovante de devolução {reference}</translation>
    </message>
    <message>
        <source>Receipt {reference}</source>
        <translation>Comprovante {reference}</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Comprovante</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Choose a printer in Settings → Receipts.</source>
        <translation>Escolha uma impressora em Configurações → Comprovantes.</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Salvar como PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimindo…</translation>
    </message>
    <message>
        <source>Printed.</source>
        <translation>Impresso.</translation>
    </message>
    <message>
        <source>Not printed: {problem} Press Print to try again.</source>
        <translation>Não impresso: {problem} Pressione Imprimir para tentar de novo.</translation>
    </message>
    <message>
        <source>Save the receipt as PDF</source>
        <translation>Salvar o comprovante como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Arquivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the PDF…</source>
        <translation>Salvando o PDF…</translation>
    </message>
    <message>
        <source>The PDF could not be saved ({error}).</source>
        <translation>Não foi possível salvar o PDF ({error}).</translation>
    </message>
    <message>
        <source>Saved as {path}.</source>
        <translation>Salvo como {path}.</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <source>Receipts</source>
        <translation>Comprovantes</translation>
    </message>
    <message>
        <source>no printer: receipts only on screen and as PDF</source>
        <translation>sem impressora: comprovantes só na tela e em PDF</translation>
    </message>
    <message>
        <source>no printer</source>
        <translation>sem impressora</translation>
    </message>
    <message>
        <source>Printers found</source>
        <translation>Impressoras encontradas</translation>
    </message>
    <message>
        <source>Pick…</source>
        <translation>Escolher…</translation>
    </message>
    <message>
        <source>System: {name}</source>
        <translation>Sistema: {name}</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Imprimir teste</translation>
    </message>
    <message>
        <source>A thermal printer: usb:VENDOR:PRODUCT, net:ADDRESS[:PORT], serial:PORT[@BAUD], or its device path (/dev/usb/lp0). Any other printer: system:NAME.</source>
        <translation>Uma impressora térmica: usb:FABRICANTE:PRODUTO, net:ENDEREÇO[:PORTA], serial:PORTA[@BAUD] ou o caminho do dispositivo (/dev/usb/lp0). Qualquer outra impressora: system:NOME.</translation>
    </message>
    <message>
        <source>80 mm (48 characters)</source>
        <translation>80 mm (48 caracteres)</translation>
    </message>
    <message>
        <source>58 mm (32 characters)</source>
        <translation>58 mm (32 caracteres)</translation>
    </message>
    <message>
        <source>Print the receipt when a sale is paid</source>
        <translation>Imprimir o comprovante quando uma venda é paga</translation>
    </message>
    <message>
        <source>Print the box&apos;s QR code under the receipt</source>
        <translation>Imprimir o código QR do caixa abaixo do comprovante</translation>
    </message>
    <message>
        <source>Printer:</source>
        <translation>Impressora:</translation>
    </message>
    <message>
        <source>Paper:</source>
        <translation>Papel:</translation>
    </message>
    <message>
        <source>Characters:</source>
        <translation>Caracteres:</translation>
    </message>
    <message>
        <source>The printer&apos;s code page. ASCII if accents print wrong: á prints as a.</source>
        <translation>A página de código da impressora. ASCII se os acentos saírem errados: á sai como a.</translation>
    </message>
    <message>
        <source>Leave empty to print the store&apos;s name.</source>
        <translation>Deixe vazio para imprimir o nome da loja.</translation>
    </message>
    <message>
        <source>Shop name:</source>
        <translation>Nome do negócio:</translation>
    </message>
    <message>
        <source>Header:</source>
        <translation>Cabeçalho:</translation>
    </message>
    <message>
        <source>Address, tax id, phone: printed under the name.</source>
        <translation>Endereço, CNPJ, telefone: impressos abaixo do nome.</translation>
    </message>
    <message>
        <source>Footer:</source>
        <translation>Rodapé:</translation>
    </message>
    <message>
        <source>Printed at the end.</source>
        <translation>Impresso no final.</translation>
    </message>
    <message>
        <source>A printer that is off or out of paper never stops a sale: the cashier is told, and can print the receipt again from Today&apos;s sales.</source>
        <translation>Uma impressora desligada ou sem papel nunca interrompe uma venda: o caixa é avisado e pode imprimir o comprovante de novo em Vendas de hoje.</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>Imprimindo uma página de teste…</translation>
    </message>
    <message>
        <source>Sent to the printer. Did the page come out?</source>
        <translation>Enviado para a impressora. A página saiu?</translation>
    </message>
</context>
<context>
    <name>Reconciliation</name>
    <message>
        <source>Mercado Pago payment {payment_id}</source>
        <translation>Pagamento do Mercado Pago {payment_id}</translation>
    </message>
</context>
<context>
    <name>Refund</name>
    <message>
        <source>Another counter is refunding sale {reference} right now. Nothing was given back; try again in a moment.</source>
        <translation>Outro caixa está devolvendo a venda {reference} neste momento. Nada foi devolvido; tente de novo em instantes.</translation>
    </message>
    <message>
        <source>Sale {reference} is older than this counter&apos;s restored backup: cash given back for it after that backup is known only to the store database, which cannot be reached now ({detail}). Nothing was given back; try again when it answers.</source>
        <translation>A venda {reference} é anterior ao backup restaurado neste caixa: o dinheiro devolvido por ela depois desse backup só o banco de dados da loja conhece, e ele não responde agora ({detail}). Nada foi devolvido; tente de novo quando ele responder.</translation>
    </message>
    <message>
        <source>Line {line} ({title}): give back {example}, more than 0 and at most what is left of it.</source>
        <translation>Linha {line} ({title}): devolva por exemplo {example}, mais de 0 e no máximo o que resta dela.</translation>
    </message>
    <message>
        <source>The sale has no line {line}.</source>
        <translation>A venda não tem a linha {line}.</translation>
    </message>
    <message>
        <source>Line {line} ({title}): {left} left to give back.</source>
        <translation>Linha {line} ({title}): restam {left} a devolver.</translation>
    </message>
    <message>
        <source>Sale {reference} is not paid: there is nothing to refund.</source>
        <translation>A venda {reference} não está paga: não há nada a devolver.</translation>
    </message>
    <message>
        <source>Sale {reference} has no payment of its own to give back: the customer&apos;s Mercado Pago payment is in the books as sale {other}. Refund that sale.</source>
        <translation>A venda {reference} não tem pagamento próprio a devolver: o pagamento do cliente pelo Mercado Pago está registrado como a venda {other}. Devolva essa venda.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid twice, in cash and with Mercado Pago: choose how to give the money back (in cash, up to {cash}; through Mercado Pago, up to {qr}).</source>
        <translation>A venda {reference} foi paga duas vezes, em dinheiro e com Mercado Pago: escolha como devolver o dinheiro (em dinheiro, até {cash}; pelo Mercado Pago, até {qr}).</translation>
    </message>
    <message>
        <source>Sale {reference} was paid with Mercado Pago: it is refunded through Mercado Pago, not in cash.</source>
        <translation>A venda {reference} foi paga com Mercado Pago: é devolvida pelo Mercado Pago, não em dinheiro.</translation>
    </message>
    <message>
        <source>Sale {reference} was paid in cash: it is given back in cash, nothing goes through Mercado Pago.</source>
        <translation>A venda {reference} foi paga em dinheiro: é devolvida em dinheiro, nada passa pelo Mercado Pago.</translation>
    </message>
    <message>
        <source>The amount to refund must be greater than zero.</source>
        <translation>O valor a devolver deve ser maior que zero.</translation>
    </message>
    <message>
        <source>{currency} amounts have {decimals} decimals: {amount}.</source>
        <translation>Valores em {currency} têm {decimals} casas decimais: {amount}.</translation>
    </message>
    <message>
        <source>The cash part of sale {reference} has been given back; {left} is left to refund through Mercado Pago.</source>
        <translation>A parte em dinheiro da venda {reference} já foi devolvida; restam {left} a devolver pelo Mercado Pago.</translation>
    </message>
    <message>
        <source>The Mercado Pago part of sale {reference} has been refunded; {left} is left to give back in cash.</source>
        <translation>A parte do Mercado Pago da venda {reference} já foi devolvida; restam {left} a devolver em dinheiro.</translation>
    </message>
    <message>
        <source>Sale {reference} has already been refunded.</source>
        <translation>A venda {reference} já foi devolvida.</translation>
    </message>
    <message>
        <source>{amount} is more than what is left to refund on this sale ({left}).</source>
        <translation>{amount} é mais do que resta a devolver desta venda ({left}).</translation>
    </message>
    <message>
        <source>{amount} is more than what is left to refund on this sale.</source>
        <translation>{amount} é mais do que resta a devolver desta venda.</translation>
    </message>
    <message>
        <source>Sale {reference} has nothing to refund at Mercado Pago.</source>
        <translation>A venda {reference} não tem nada a devolver no Mercado Pago.</translation>
    </message>
    <message>
        <source>Mercado Pago shows less left to refund on this sale&apos;s payments than {amount}.</source>
        <translation>O Mercado Pago mostra menos de {amount} a devolver nos pagamentos desta venda.</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund sale {reference}</source>
        <translation>Devolver a venda {reference}</translation>
    </message>
    <message>
        <source>This amount:</source>
        <translation>Este valor:</translation>
    </message>
    <message>
        <source>Amount to refund</source>
        <translation>Valor a devolver</translation>
    </message>
    <message>
        <source>These items:</source>
        <translation>Estes itens:</translation>
    </message>
    <message>
        <source>Give back:</source>
        <translation>Devolver:</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Vendidos</translation>
    </message>
    <message>
        <source>Give back</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Items of the sale</source>
        <translation>Itens da venda</translation>
    </message>
    <message>
        <source>Optional: defective, changed their mind, charged twice…</source>
        <translation>Opcional: com defeito, o cliente desistiu, cobrado duas vezes…</translation>
    </message>
    <message>
        <source>Optional: defective, charged twice…</source>
        <translation>Opcional: com defeito, cobrado duas vezes…</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Opcional</translation>
    </message>
    <message>
        <source>Reason for the refund:</source>
        <translation>Motivo da devolução:</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Devolver</translation>
    </message>
    <message>
        <source>Refund receipt…</source>
        <translation>Comprovante de devolução…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Everything left</source>
        <translation>Tudo o que resta</translation>
    </message>
    <message>
        <source>Paid {paid}. Refunded {refunded}. Left to refund: {left}.</source>
        <translation>Pago {paid}. Devolvido {refunded}. Resta a devolver: {left}.</translation>
    </message>
    <message>
        <source>Paid twice: in cash and with Mercado Pago. Each part goes back the way it came: choose which.</source>
        <translation>Paga duas vezes: em dinheiro e com Mercado Pago. Cada parte volta por onde entrou: escolha qual.</translation>
    </message>
    <message>
        <source>In cash (up to {amount})</source>
        <translation>Em dinheiro (até {amount})</translation>
    </message>
    <message>
        <source>Through Mercado Pago (up to {amount})</source>
        <translation>Pelo Mercado Pago (até {amount})</translation>
    </message>
    <message>
        <source>A refund has no answer from Mercado Pago yet: it is checked before the next one.</source>
        <translation>Uma devolução ainda não tem resposta do Mercado Pago: ela é verificada antes da próxima.</translation>
    </message>
    <message>
        <source>Wait for Mercado Pago&apos;s answer: the refund is under way.</source>
        <translation>Aguarde a resposta do Mercado Pago: a devolução está em andamento.</translation>
    </message>
    <message>
        <source>Everything left ({amount})</source>
        <translation>Tudo o que resta ({amount})</translation>
    </message>
    <message>
        <source>Weight to give back ({unit}): {item}</source>
        <translation>Peso a devolver ({unit}): {item}</translation>
    </message>
    <message>
        <source>Give back: {item}</source>
        <translation>Devolver: {item}</translation>
    </message>
    <message>
        <source>{item}: type the weight given back like {example}.</source>
        <translation>{item}: digite o peso devolvido assim: {example}.</translation>
    </message>
    <message>
        <source>These items were paid {amount}: more than the {left} left to refund. Choose fewer, or refund an amount.</source>
        <translation>Por estes itens foram pagos {amount}: mais do que os {left} que restam a devolver. Escolha menos ou devolva um valor.</translation>
    </message>
    <message>
        <source>These items give back {amount}.</source>
        <translation>Estes itens devolvem {amount}.</translation>
    </message>
    <message>
        <source>Refunding… (asking Mercado Pago)</source>
        <translation>Devolvendo… (consultando o Mercado Pago)</translation>
    </message>
    <message>
        <source>{amount} refunded.</source>
        <translation>{amount} devolvido.</translation>
    </message>
    <message>
        <source>{amount} not refunded. {why}</source>
        <translation>{amount} não devolvido. {why}</translation>
    </message>
    <message>
        <source>{amount}: Mercado Pago did not answer. The refund is kept and checked before anything else: do not give the money back by other means.</source>
        <translation>{amount}: o Mercado Pago não respondeu. A devolução fica registrada e é verificada antes de tudo: não devolva o dinheiro por outro meio.</translation>
    </message>
    <message>
        <source>The refund failed unexpectedly; nothing was recorded.</source>
        <translation>A devolução falhou inesperadamente; nada foi registrado.</translation>
    </message>
</context>
<context>
    <name>Refunds</name>
    <message>
        <source>Mercado Pago refused the refund: the payment is too old to be refunded.</source>
        <translation>O Mercado Pago recusou a devolução: o pagamento é antigo demais para ser devolvido.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: this account only allows refunding the whole amount.</source>
        <translation>O Mercado Pago recusou a devolução: esta conta só permite devolver o valor total.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: the amount is not valid.</source>
        <translation>O Mercado Pago recusou a devolução: o valor não é válido.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: it is more than what is left to refund on the payment.</source>
        <translation>O Mercado Pago recusou a devolução: é mais do que resta a devolver do pagamento.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: the account does not have enough money to give back.</source>
        <translation>O Mercado Pago recusou a devolução: a conta não tem saldo suficiente para devolver.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: this refund was already sent with another amount.</source>
        <translation>O Mercado Pago recusou a devolução: esta devolução já foi enviada com outro valor.</translation>
    </message>
    <message>
        <source>Mercado Pago refused the refund: {detail}</source>
        <translation>O Mercado Pago recusou a devolução: {detail}</translation>
    </message>
</context>
<context>
    <name>SaleHistory</name>
    <message>
        <source>taken in cash</source>
        <translation>recebida em dinheiro</translation>
    </message>
    <message>
        <source>the order left the box</source>
        <translation>o pedido saiu do caixa</translation>
    </message>
    <message>
        <source>last check before it expired</source>
        <translation>última consulta antes de expirar</translation>
    </message>
    <message>
        <source>the order never reached the box</source>
        <translation>o pedido nunca chegou ao caixa</translation>
    </message>
    <message>
        <source>it was also taken in cash: refund one of the two</source>
        <translation>também foi recebida em dinheiro: devolva um dos dois pagamentos</translation>
    </message>
    <message>
        <source>paid after it was closed here</source>
        <translation>paga depois de encerrada aqui</translation>
    </message>
    <message>
        <source>payment {payment} found at Mercado Pago</source>
        <translation>pagamento {payment} encontrado no Mercado Pago</translation>
    </message>
    <message>
        <source>payment {payment} found at Mercado Pago, reference {reference}</source>
        <translation>pagamento {payment} encontrado no Mercado Pago, referência {reference}</translation>
    </message>
    <message>
        <source>Mercado Pago refused the order</source>
        <translation>o Mercado Pago recusou o pedido</translation>
    </message>
    <message>
        <source>paid at Mercado Pago</source>
        <translation>paga no Mercado Pago</translation>
    </message>
    <message>
        <source>Mercado Pago order {ids}</source>
        <translation>pedido do Mercado Pago {ids}</translation>
    </message>
    <message>
        <source>Mercado Pago orders {ids}</source>
        <translation>pedidos do Mercado Pago {ids}</translation>
    </message>
    <message>
        <source>PAID {count} TIMES: refund the extra payments</source>
        <translation>PAGA {count} VEZES: devolva os pagamentos a mais</translation>
    </message>
    <message>
        <source>payment {payment} is already in the books as sale {reference}: counted there, not twice</source>
        <translation>o pagamento {payment} já está registrado como a venda {reference}: contado lá, não duas vezes</translation>
    </message>
    <message>
        <source>{amount}, Mercado Pago refund {number}</source>
        <translation>{amount}, devolução do Mercado Pago {number}</translation>
    </message>
    <message>
        <source>{amount}: {reason}</source>
        <translation>{amount}: {reason}</translation>
    </message>
</context>
<context>
    <name>SaleStatus</name>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Waiting for payment</source>
        <translation>Aguardando pagamento</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paga</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirada</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Recusada</translation>
    </message>
</context>
<context>
    <name>SalesDialog</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referência</translation>
    </message>
    <message>
        <source>Sale recorded</source>
        <translation>Venda registrada</translation>
    </message>
    <message>
        <source>Status changed</source>
        <translation>Mudança de situação</translation>
    </message>
    <message>
        <source>Card rejected</source>
        <translation>Cartão recusado</translation>
    </message>
    <message>
        <source>Partly paid</source>
        <translation>Paga em parte</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>Verificada</translation>
    </message>
    <message>
        <source>Connection trouble</source>
        <translation>Problemas de conexão</translation>
    </message>
    <message>
        <source>Cancel requested</source>
        <translation>Cancelamento solicitado</translation>
    </message>
    <message>
        <source>Order removed from the box</source>
        <translation>Pedido retirado do caixa</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Devolução</translation>
    </message>
    <message>
        <source>Recorded from Mercado Pago&apos;s payments</source>
        <translation>Registrada a partir dos pagamentos do Mercado Pago</translation>
    </message>
    <message>
        <source>Request key saved</source>
        <translation>Chave da solicitação salva</translation>
    </message>
    <message>
        <source>charge</source>
        <translation>cobrança</translation>
    </message>
    <message>
        <source>automatic check</source>
        <translation>verificação automática</translation>
    </message>
    <message>
        <source>notification</source>
        <translation>notificação</translation>
    </message>
    <message>
        <source>cashier canceled</source>
        <translation>cancelada pelo operador</translation>
    </message>
    <message>
        <source>start-up</source>
        <translation>inicialização</translation>
    </message>
    <message>
        <source>checked by hand</source>
        <translation>verificada manualmente</translation>
    </message>
    <message>
        <source>network</source>
        <translation>rede</translation>
    </message>
    <message>
        <source>credentials</source>
        <translation>credenciais</translation>
    </message>
    <message>
        <source>connection trouble</source>
        <translation>problemas de conexão</translation>
    </message>
    <message>
        <source>checked from the command line</source>
        <translation>consultado pela linha de comando</translation>
    </message>
    <message>
        <source>check after the cancel</source>
        <translation>verificação após o cancelamento</translation>
    </message>
    <message>
        <source>written, waiting for Mercado Pago</source>
        <translation>registrada, aguardando o Mercado Pago</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>devolvida</translation>
    </message>
    <message>
        <source>refused by Mercado Pago</source>
        <translation>recusada pelo Mercado Pago</translation>
    </message>
    <message>
        <source>day&apos;s reconciliation</source>
        <translation>conciliação do dia</translation>
    </message>
    <message>
        <source>day&apos;s close</source>
        <translation>fechamento do dia</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoje</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ontem</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>Dates…</source>
        <translation>Datas…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos os status</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paga</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Expirada</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Recusada</translation>
    </message>
    <message>
        <source>With refunds</source>
        <translation>Com devoluções</translation>
    </message>
    <message>
        <source>Any tender</source>
        <translation>Qualquer forma de pagamento</translation>
    </message>
    <message>
        <source>Mercado Pago QR</source>
        <translation>QR do Mercado Pago</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Dinheiro</translation>
    </message>
    <message>
        <source>Paid late — do not charge again</source>
        <translation>Paga com atraso: não cobre de novo</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Devolvida</translation>
    </message>
    <message>
        <source>Paid, partly refunded</source>
        <translation>Paga, devolvida em parte</translation>
    </message>
    <message>
        <source>Paid; its Mercado Pago payment is in the books as another sale (see its history), counted there: not twice</source>
        <translation>Paga; o pagamento do Mercado Pago está registrado como outra venda (veja o histórico): contado lá, não duas vezes</translation>
    </message>
    <message>
        <source>Paid late</source>
        <translation>Paga com atraso</translation>
    </message>
    <message>
        <source>Partly refunded</source>
        <translation>Devolvida em parte</translation>
    </message>
    <message>
        <source>Counted elsewhere</source>
        <translation>Contada em outra</translation>
    </message>
    <message>
        <source>Refunded {refunded} of {total}</source>
        <translation>Devolvido {refunded} de {total}</translation>
    </message>
    <message>
        <source>Paid in cash</source>
        <translation>Paga em dinheiro</translation>
    </message>
</context>
<context>
    <name>ScaleLabel</name>
    <message>
        <source>That scale label was misread (its check digit is wrong): scan it again or type the weight.</source>
        <translation>Essa etiqueta de balança foi lida errado (o dígito verificador não confere): escaneie de novo ou digite o peso.</translation>
    </message>
    <message>
        <source>That scale label says 0: weigh the product again.</source>
        <translation>Essa etiqueta de balança diz 0: pese o produto de novo.</translation>
    </message>
    <message>
        <source>{title} is not sold by weight: check the product&apos;s code on the scale.</source>
        <translation>{title} não é vendido por peso: confira o código do produto na balança.</translation>
    </message>
    <message>
        <source>{title}: the label says {weight}, more than one line can sell. Weigh it in smaller parts.</source>
        <translation>{title}: a etiqueta diz {weight}, mais do que uma linha pode vender. Pese em partes menores.</translation>
    </message>
    <message>
        <source>This scale label&apos;s layout has decimals in the price, which {currency} has not: choose your scale&apos;s layout in Settings → Charging.</source>
        <translation>O formato desta etiqueta de balança tem decimais no preço, que {currency} não tem: escolha o formato da sua balança em Configurações → Cobrança.</translation>
    </message>
    <message>
        <source>{title} costs {price} each: the label&apos;s {amount} is not a number of them. Check the product&apos;s code and the scale&apos;s layout (Settings → Charging).</source>
        <translation>{title} custa {price} a unidade: os {amount} da etiqueta não são um número de unidades. Confira o código do produto e o formato da balança (Configurações → Cobrança).</translation>
    </message>
</context>
<context>
    <name>ScanField</name>
    <message>
        <source>Scan or search</source>
        <translation>Escanear ou buscar</translation>
    </message>
    <message>
        <source>Sale finished: press Enter for the next one</source>
        <translation>Venda concluída: pressione Enter para a próxima</translation>
    </message>
    <message>
        <source>Press Enter for the next sale</source>
        <translation>Pressione Enter para a próxima venda</translation>
    </message>
    <message>
        <source>Enter: next sale</source>
        <translation>Enter: próxima venda</translation>
    </message>
    <message>
        <source>The customer is paying: the cart is locked</source>
        <translation>O cliente está pagando: o carrinho está bloqueado</translation>
    </message>
    <message>
        <source>Customer paying: cart locked</source>
        <translation>Cliente pagando: carrinho bloqueado</translation>
    </message>
    <message>
        <source>Cart locked</source>
        <translation>Carrinho bloqueado</translation>
    </message>
    <message>
        <source>Scan a barcode or type a product name or SKU</source>
        <translation>Escaneie um código de barras ou digite o nome ou SKU de um produto</translation>
    </message>
    <message>
        <source>Scan or type a product name or SKU</source>
        <translation>Escaneie ou digite o nome ou SKU</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>The access token cannot be saved: this computer has no password keyring the app can use, or it is locked. Install or unlock one (for example GNOME Keyring or KWallet), or, for a kiosk, set the MP_ACCESS_TOKEN environment variable. The token is never written to a file.</source>
        <translation>O token de acesso não pode ser salvo: este computador não tem um chaveiro de senhas que o aplicativo possa usar, ou ele está bloqueado. Instale ou desbloqueie um (por exemplo GNOME Keyring ou KWallet) ou, para um quiosque, defina a variável de ambiente MP_ACCESS_TOKEN. O token nunca é gravado em um arquivo.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Seções</translation>
    </message>
    <message>
        <source>Discard the changes made in Settings?</source>
        <translation>Descartar as alterações feitas nas Configurações?</translation>
    </message>
    <message>
        <source>{section}: {problem}</source>
        <translation>{section}: {problem}</translation>
    </message>
    <message>
        <source>Finishing saving the settings: the app closes as soon as they are saved. If the computer asks for a password to unlock its keyring, type it there.</source>
        <translation>Terminando de salvar as configurações: o aplicativo fecha assim que elas forem salvas. Se o computador pedir uma senha para desbloquear o chaveiro, digite-a lá.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>The settings file could not be written ({error}).</source>
        <translation>Não foi possível gravar o arquivo de configurações ({error}).</translation>
    </message>
    <message>
        <source>Saving… If the computer asks for a password to unlock its keyring, type it there.</source>
        <translation>Salvando… Se o computador pedir uma senha para desbloquear o chaveiro, digite-a lá.</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <source>An order must expire after 1 to 1440 minutes (one day).</source>
        <translation>Um pedido deve expirar após 1 a 1440 minutos (um dia).</translation>
    </message>
    <message>
        <source>Keep 1 to 1000 backups.</source>
        <translation>Mantenha de 1 a 1000 backups.</translation>
    </message>
    <message>
        <source>Check between every 0.2 and every 300 seconds.</source>
        <translation>O intervalo entre verificações deve ser de 0.2 a 300 segundos.</translation>
    </message>
    <message>
        <source>The quick checks may last from 0 to 3600 seconds (one hour).</source>
        <translation>As verificações frequentes podem durar de 0 a 3600 segundos (uma hora).</translation>
    </message>
    <message>
        <source>This address holds an access token. It is never needed there, and it would be saved in the settings file and sent with every order: take it out.</source>
        <translation>Este endereço contém um token de acesso. Ele nunca é necessário ali, e seria salvo no arquivo de configurações e enviado com cada pedido: retire-o.</translation>
    </message>
    <message>
        <source>Not the name of a screen.</source>
        <translation>Não é o nome de uma tela.</translation>
    </message>
    <message>
        <source>The logo must be a file chosen with Browse.</source>
        <translation>O logotipo deve ser um arquivo escolhido com Procurar.</translation>
    </message>
    <message>
        <source>The logo must be a picture: PNG, JPEG, BMP, GIF, SVG or WebP.</source>
        <translation>O logotipo deve ser uma imagem: PNG, JPEG, BMP, GIF, SVG ou WebP.</translation>
    </message>
    <message>
        <source>Write a whole number of minutes, from 1 to 1440.</source>
        <translation>Escreva um número inteiro de minutos, de 1 a 1440.</translation>
    </message>
    <message>
        <source>Write a number of seconds, like 1 or 2.5.</source>
        <translation>Escreva um número de segundos, como 1 ou 2.5.</translation>
    </message>
    <message>
        <source>Write a number of seconds, like 120.</source>
        <translation>Escreva um número de segundos, como 120.</translation>
    </message>
    <message>
        <source>Write the address as HOST:PORT, for example 127.0.0.1:8088 (port 1 to 65535).</source>
        <translation>Escreva o endereço como HOST:PORTA, por exemplo 127.0.0.1:8088 (porta de 1 a 65535).</translation>
    </message>
    <message>
        <source>Mercado Pago only sends notifications to an https:// address that the internet can reach (plain http:// only for 127.0.0.1, when testing).</source>
        <translation>O Mercado Pago só envia notificações para um endereço https:// acessível pela internet (http:// simples apenas para 127.0.0.1, em testes).</translation>
    </message>
    <message>
        <source>Tick the days the store opens.</source>
        <translation>Marque os dias em que a loja abre.</translation>
    </message>
    <message>
        <source>Write the times as HH:MM.</source>
        <translation>Escreva os horários como HH:MM.</translation>
    </message>
    <message>
        <source>The closing time must be later than the opening time.</source>
        <translation>O horário de fechamento deve ser depois do de abertura.</translation>
    </message>
    <message>
        <source>Mercado Pago needs this.</source>
        <translation>O Mercado Pago precisa disto.</translation>
    </message>
    <message>
        <source>Another store of this account already uses this id.</source>
        <translation>Outra loja desta conta já usa este ID.</translation>
    </message>
    <message>
        <source>A number between -{bound} and {bound}, like -34.6037.</source>
        <translation>Um número entre -{bound} e {bound}, como -23.5613.</translation>
    </message>
    <message>
        <source>Another box of this account already uses this id.</source>
        <translation>Outro caixa desta conta já usa este ID.</translation>
    </message>
    <message>
        <source>The category is a number (an MCC code), or leave it empty.</source>
        <translation>A categoria é um número (um código MCC), ou deixe vazio.</translation>
    </message>
</context>
<context>
    <name>SettingsForms</name>
    <message>
        <source>Back to the list</source>
        <translation>Voltar à lista</translation>
    </message>
</context>
<context>
    <name>SettingsWidgets</name>
    <message>
        <source>Please note</source>
        <translation>Atenção</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>The box id may only have letters and digits, fewer than 40 of them.</source>
        <translation>O ID do caixa só pode ter letras e números, menos de 40.</translation>
    </message>
    <message>
        <source>The store id may only have letters and digits, at most 60.</source>
        <translation>O ID da loja só pode ter letras e números, no máximo 60.</translation>
    </message>
    <message>
        <source>The account has no store with external id {store}. Check the id (it is the store&apos;s external id, not its number), or create it.</source>
        <translation>A conta não tem nenhuma loja com o ID externo {store}. Verifique o ID (é o ID externo da loja, não o número dela) ou crie a loja.</translation>
    </message>
    <message>
        <source>Box {box} belongs to store {other}, not to store {store}.</source>
        <translation>O caixa {box} pertence à loja {other}, não à loja {store}.</translation>
    </message>
    <message>
        <source>The account has no box with external id {box}. Boxes made in the Mercado Pago web panel have no external id: create the box here instead.</source>
        <translation>A conta não tem nenhum caixa com o ID externo {box}. Caixas criados no painel web do Mercado Pago não têm ID externo: crie o caixa aqui.</translation>
    </message>
</context>
<context>
    <name>SetupAssistant</name>
    <message>
        <source>Set up the counter — Mercado Pago QR</source>
        <translation>Configurar o caixa — QR do Mercado Pago</translation>
    </message>
    <message>
        <source>Welcome! Let&apos;s connect your Mercado Pago account</source>
        <translation>Boas-vindas! Vamos conectar a sua conta do Mercado Pago</translation>
    </message>
    <message>
        <source>This app shows your customer&apos;s total on the QR sticker of your counter; they pay with the Mercado Pago app. Three short steps: your account, your store and box, and the sticker.</source>
        <translation>Este aplicativo mostra o total do seu cliente no adesivo QR do seu caixa; o cliente paga com o app do Mercado Pago. Três passos rápidos: a sua conta, a sua loja e caixa, e o adesivo.</translation>
    </message>
    <message>
        <source>All set</source>
        <translation>Tudo pronto</translation>
    </message>
    <message>
        <source>Print the QR sticker and put it where customers can scan it. You can change all of this later in Tools → Settings (F9).</source>
        <translation>Imprima o adesivo QR e coloque-o onde os clientes possam escaneá-lo. Você pode mudar tudo isso depois em Ferramentas → Configurações (F9).</translation>
    </message>
    <message>
        <source>Try the demo first</source>
        <translation>Experimentar a demo primeiro</translation>
    </message>
    <message>
        <source>Opens the app with a pretend Mercado Pago and a pretend customer&apos;s phone: nothing real is charged and nothing here is saved.</source>
        <translation>Abre o aplicativo com um Mercado Pago de mentira e um celular de cliente de mentira: nada real é cobrado e nada aqui é salvo.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Voltar</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Avançar</translation>
    </message>
    <message>
        <source>Step 1 of 3 — your Mercado Pago account</source>
        <translation>Passo 1 de 3: a sua conta do Mercado Pago</translation>
    </message>
    <message>
        <source>Step 2 of 3 — your store and box</source>
        <translation>Passo 2 de 3: a sua loja e caixa</translation>
    </message>
    <message>
        <source>Step 3 of 3 — the QR sticker</source>
        <translation>Passo 3 de 3: o adesivo QR</translation>
    </message>
    <message>
        <source>Start selling</source>
        <translation>Começar a vender</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>This computer charges on {box} in {store}, for the account {account}.</source>
        <translation>Este computador cobra em {box} de {store}, para a conta {account}.</translation>
    </message>
    <message>
        <source>The QR code is not available yet.</source>
        <translation>O código QR ainda não está disponível.</translation>
    </message>
    <message>
        <source>Finishing the save: this window closes as soon as it is done.</source>
        <translation>Terminando de salvar: esta janela se fecha assim que terminar.</translation>
    </message>
</context>
<context>
    <name>StartupPage</name>
    <message>
        <source>Start-up</source>
        <translation>Inicialização</translation>
    </message>
    <message>
        <source>Start the app when this computer&apos;s user logs in</source>
        <translation>Abrir o app quando o usuário deste computador fizer login</translation>
    </message>
    <message>
        <source>Starting the app again while it is open brings its window to the front.</source>
        <translation>Abrir o app de novo enquanto ele está aberto traz a janela dele para a frente.</translation>
    </message>
    <message>
        <source>The start-up entry could not be written ({error}).</source>
        <translation>Não foi possível gravar a entrada de inicialização ({error}).</translation>
    </message>
</context>
<context>
    <name>StickerPanel</name>
    <message>
        <source>Print sticker…</source>
        <translation>Imprimir adesivo…</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Salvar como PNG…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Salvar como PDF…</translation>
    </message>
    <message>
        <source>Choose a box to see its QR code.</source>
        <translation>Escolha um caixa para ver o código QR dele.</translation>
    </message>
    <message>
        <source>Pay with Mercado Pago</source>
        <translation>Pague com Mercado Pago</translation>
    </message>
    <message>
        <source>Scan this code with the Mercado Pago app</source>
        <translation>Escaneie este código com o app do Mercado Pago</translation>
    </message>
    <message>
        <source>The QR of {box} in {store}. Print it and stick it on this counter: customers scan it to pay what this computer charges.</source>
        <translation>O QR de {box} em {store}. Imprima e cole neste caixa: os clientes o escaneiam para pagar o que este computador cobra.</translation>
    </message>
    <message>
        <source>Save the QR sticker as PDF</source>
        <translation>Salvar o adesivo QR como PDF</translation>
    </message>
    <message>
        <source>Save the QR sticker as PNG</source>
        <translation>Salvar o adesivo QR como PNG</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Imagem PNG (*.png)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Salvo: {path}</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Não foi possível gravar {path}: {error}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Enviado à impressora.</translation>
    </message>
    <message>
        <source>The printer refused the job.</source>
        <translation>A impressora recusou o trabalho.</translation>
    </message>
</context>
<context>
    <name>StoreBoxPage</name>
    <message>
        <source>Store and box</source>
        <translation>Loja e caixa</translation>
    </message>
    <message>
        <source>Reload from Mercado Pago</source>
        <translation>Recarregar do Mercado Pago</translation>
    </message>
    <message>
        <source>New store…</source>
        <translation>Nova loja…</translation>
    </message>
    <message>
        <source>New box…</source>
        <translation>Novo caixa…</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Lojas</translation>
    </message>
    <message>
        <source>Boxes of the chosen store</source>
        <translation>Caixas da loja escolhida</translation>
    </message>
    <message>
        <source>In Mercado Pago a store is your shop and a box is one till with its own QR sticker. Choose the store and the box this computer charges on, or create them here.</source>
        <translation>No Mercado Pago uma loja é o seu negócio e um caixa é um ponto de cobrança com o seu próprio adesivo QR. Escolha a loja e o caixa em que este computador cobra, ou crie-os aqui.</translation>
    </message>
    <message>
        <source>Check the access token first (Account), then the stores appear here.</source>
        <translation>Primeiro verifique o token de acesso (Conta); depois as lojas aparecem aqui.</translation>
    </message>
    <message>
        <source>Account: {nickname} (user {id})</source>
        <translation>Conta: {nickname} (usuário {id})</translation>
    </message>
    <message>
        <source>Loading your stores and boxes…</source>
        <translation>Carregando as suas lojas e caixas…</translation>
    </message>
    <message>
        <source>No store yet: create one.</source>
        <translation>Ainda não há lojas: crie uma.</translation>
    </message>
    <message>
        <source>id {id}</source>
        <translation>ID {id}</translation>
    </message>
    <message>
        <source>no store id (made in the web panel)</source>
        <translation>sem ID de loja (criada no painel web)</translation>
    </message>
    <message>
        <source>no box id (made in the web panel)</source>
        <translation>sem ID de caixa (criado no painel web)</translation>
    </message>
    <message>
        <source>This store was made in the Mercado Pago web panel and has no store id, which the app needs. Create a store here instead.</source>
        <translation>Esta loja foi criada no painel web do Mercado Pago e não tem ID de loja, que o aplicativo precisa. Crie uma loja aqui.</translation>
    </message>
    <message>
        <source>This box was made in the Mercado Pago web panel and has no box id, which the app needs to send it orders. Create a box here instead.</source>
        <translation>Este caixa foi criado no painel web do Mercado Pago e não tem ID de caixa, que o aplicativo precisa para enviar pedidos a ele. Crie um caixa aqui.</translation>
    </message>
    <message>
        <source>No box yet: create one.</source>
        <translation>Ainda não há caixas: crie um.</translation>
    </message>
    <message>
        <source>Fetching the box&apos;s QR code…</source>
        <translation>Buscando o código QR do caixa…</translation>
    </message>
    <message>
        <source>Choose the store this computer belongs to, or create one.</source>
        <translation>Escolha a loja a que este computador pertence, ou crie uma.</translation>
    </message>
    <message>
        <source>Choose the box (till) this computer charges on, or create one.</source>
        <translation>Escolha o caixa em que este computador cobra, ou crie um.</translation>
    </message>
    <message>
        <source>This computer charges on: {store} · {box}</source>
        <translation>Este computador cobra em: {store} · {box}</translation>
    </message>
    <message>
        <source>Loading the QR code…</source>
        <translation>Carregando o código QR…</translation>
    </message>
    <message>
        <source>Choose a box to see its QR code.</source>
        <translation>Escolha um caixa para ver o código QR dele.</translation>
    </message>
    <message>
        <source>Creating the store in Mercado Pago…</source>
        <translation>Criando a loja no Mercado Pago…</translation>
    </message>
    <message>
        <source>Creating the box in Mercado Pago…</source>
        <translation>Criando o caixa no Mercado Pago…</translation>
    </message>
    <message>
        <source>Wait for Mercado Pago to answer.</source>
        <translation>Aguarde a resposta do Mercado Pago.</translation>
    </message>
    <message>
        <source>Create the new store, or go back to the list.</source>
        <translation>Crie a nova loja, ou volte à lista.</translation>
    </message>
    <message>
        <source>Create the new box, or go back to the list.</source>
        <translation>Crie o novo caixa, ou volte à lista.</translation>
    </message>
    <message>
        <source>This one cannot be used (see the message under the lists).</source>
        <translation>Este não pode ser usado (veja a mensagem abaixo das listas).</translation>
    </message>
</context>
<context>
    <name>StoreDatabase</name>
    <message>
        <source>the password belongs in the keyring</source>
        <translation>a senha fica no chaveiro do sistema</translation>
    </message>
    <message>
        <source>not a PostgreSQL address (postgresql://USER@HOST:PORT/DATABASE)</source>
        <translation>não é um endereço do PostgreSQL (postgresql://USUÁRIO@SERVIDOR:PORTA/BANCO)</translation>
    </message>
    <message>
        <source>The store database has schema version {found}, newer than this app knows ({known}). Nothing was written to it; the sales wait in this counter&apos;s ledger. Update pos-app on this counter.</source>
        <translation>O banco de dados da loja tem a versão de esquema {found}, mais nova do que este app conhece ({known}). Nada foi gravado nele; as vendas aguardam no registro deste caixa. Atualize o pos-app neste caixa.</translation>
    </message>
    <message>
        <source>In the store database, box {box} belongs to the login {owner}, not to this counter&apos;s. Nothing was written; the sales wait in this counter&apos;s ledger. Check the box in Settings, or the login in the store database&apos;s address.</source>
        <translation>No banco de dados da loja, o caixa {box} pertence ao usuário {owner}, não ao deste caixa. Nada foi gravado; as vendas aguardam no registro deste caixa. Confira o caixa em Configurações ou o usuário no endereço do banco de dados da loja.</translation>
    </message>
    <message>
        <source>Mercado Pago has no store {store} in this account.</source>
        <translation>O Mercado Pago não tem a loja {store} nesta conta.</translation>
    </message>
</context>
<context>
    <name>StoreDatabasePage</name>
    <message>
        <source>Database</source>
        <translation>Banco de dados</translation>
    </message>
    <message>
        <source>postgresql://USER@HOST/DB</source>
        <translation>postgresql://USUARIO@SERVIDOR/BANCO</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(sem alteração)</translation>
    </message>
    <message>
        <source>Empty: this counter keeps its sales to itself. With an address, every sale is also sent to the store&apos;s PostgreSQL database, in the background.</source>
        <translation>Vazio: este caixa guarda as vendas só para si. Com um endereço, cada venda também é enviada ao banco de dados PostgreSQL da loja, em segundo plano.</translation>
    </message>
    <message>
        <source>Kept in the computer&apos;s password keyring, never in a file.</source>
        <translation>Guardada no chaveiro de senhas do computador, nunca em um arquivo.</translation>
    </message>
    <message>
        <source>Check the connection</source>
        <translation>Testar a conexão</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Endereço:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>Store database (all counters of the store)</source>
        <translation>Banco de dados da loja (todos os caixas)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Connected. The store database is ready (schema version {version}).</source>
        <translation>Conectado. O banco de dados da loja está pronto (versão de esquema {version}).</translation>
    </message>
    <message>
        <source>Not connected ({detail}). The counter sells on; its sales wait until the store database answers.</source>
        <translation>Sem conexão ({detail}). O caixa continua vendendo; as vendas aguardam até o banco de dados da loja responder.</translation>
    </message>
</context>
<context>
    <name>StoreViewDialog</name>
    <message>
        <source>Store and chain</source>
        <translation>Loja e rede</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Loja</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>Caixa</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Vendas</translation>
    </message>
    <message>
        <source>Mercado Pago QR</source>
        <translation>QR do Mercado Pago</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Dinheiro</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluções</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Líquido</translation>
    </message>
    <message>
        <source>The store&apos;s counters</source>
        <translation>Os caixas da loja</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Mostrar:</translation>
    </message>
    <message>
        <source>This store ({store})</source>
        <translation>Esta loja ({store})</translation>
    </message>
    <message>
        <source>The whole chain (every store)</source>
        <translation>Toda a rede (todas as lojas)</translation>
    </message>
    <message>
        <source>Reading the store database…</source>
        <translation>Lendo o banco de dados da loja…</translation>
    </message>
    <message>
        <source>No store database is configured: Settings → Database.</source>
        <translation>Nenhum banco de dados da loja configurado: Configurações → Banco de dados.</translation>
    </message>
    <message>
        <source>The store database cannot be reached ({detail}). The counters sell on; their sales arrive when it answers again.</source>
        <translation>Não é possível acessar o banco de dados da loja ({detail}). Os caixas continuam vendendo; as vendas chegam quando ele voltar a responder.</translation>
    </message>
    <message>
        <source>All boxes</source>
        <translation>Todos os caixas</translation>
    </message>
    <message>
        <source>Whole chain</source>
        <translation>Toda a rede</translation>
    </message>
    <message>
        <source>Each box since its last close, as the store database has it at {time}. {boxes} boxes.</source>
        <translation>Cada caixa desde o último fechamento, conforme o banco de dados da loja às {time}. {boxes} caixas.</translation>
    </message>
    <message>
        <source>IVA {rate}%</source>
        <translation>IVA {rate}%</translation>
    </message>
</context>
<context>
    <name>Support</name>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>Show logs</source>
        <translation>Mostrar logs</translation>
    </message>
    <message>
        <source>Save a support file…</source>
        <translation>Salvar um arquivo para o suporte…</translation>
    </message>
    <message>
        <source>About…</source>
        <translation>Sobre…</translation>
    </message>
    <message>
        <source>Save a support file</source>
        <translation>Salvar um arquivo para o suporte</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Arquivos zip (*.zip)</translation>
    </message>
    <message>
        <source>The support file was saved as {file}. Send it to your support technician: it holds no password or token.</source>
        <translation>O arquivo para o suporte foi salvo como {file}. Envie ao seu técnico: ele não contém senhas nem tokens.</translation>
    </message>
    <message>
        <source>Saving the support file…</source>
        <translation>Salvando o arquivo para o suporte…</translation>
    </message>
    <message>
        <source>The support file could not be saved as {file}: {error}. Free some space or choose another folder, then try again.</source>
        <translation>Não foi possível salvar o arquivo para o suporte como {file}: {error}. Libere espaço ou escolha outra pasta e tente de novo.</translation>
    </message>
    <message>
        <source>Something went wrong inside the app; the sale is safe (every step is saved in the sales ledger before it is shown). The details were written to the log. You can keep working; if it happens again, save a support file and send it to your support technician.</source>
        <translation>Algo deu errado dentro do app; a venda está segura (cada passo é salvo no registro de vendas antes de ser mostrado). Os detalhes foram gravados no log. Você pode continuar trabalhando; se acontecer de novo, salve um arquivo para o suporte e envie ao seu técnico.</translation>
    </message>
    <message>
        <source>This happened {count} times.</source>
        <translation>Isso aconteceu {count} vezes.</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo deu errado</translation>
    </message>
</context>
<context>
    <name>TodaySalesDialog</name>
    <message>
        <source>Sales</source>
        <translation>Vendas</translation>
    </message>
    <message>
        <source>Reference, amount or product</source>
        <translation>Referência, valor ou produto</translation>
    </message>
    <message>
        <source>Pick a sale to see its lines and history.</source>
        <translation>Escolha uma venda para ver os itens e o histórico dela.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qtd.</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Desconto</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por quê</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalhe</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Devoluções</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Check again with Mercado Pago</source>
        <translation>Verificar no Mercado Pago</translation>
    </message>
    <message>
        <source>Cancel this sale</source>
        <translation>Cancelar esta venda</translation>
    </message>
    <message>
        <source>Reprint receipt</source>
        <translation>Reimprimir comprovante</translation>
    </message>
    <message>
        <source>See, print again or save the receipt</source>
        <translation>Ver, imprimir de novo ou salvar o comprovante</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Devolver…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>History of the chosen sale</source>
        <translation>Histórico da venda escolhida</translation>
    </message>
    <message>
        <source>Search the sales</source>
        <translation>Pesquisar nas vendas</translation>
    </message>
    <message>
        <source>Lines of the chosen sale</source>
        <translation>Linhas da venda escolhida</translation>
    </message>
    <message>
        <source>No sales in this period.</source>
        <translation>Nenhuma venda neste período.</translation>
    </message>
    <message>
        <source>Given back on these sales: QR {qr_back} · cash {cash_back}
Net: {net} (QR {qr_net} · cash {cash_net})</source>
        <translation>Devolvido destas vendas: QR {qr_back} · dinheiro {cash_back}
Líquido: {net} (QR {qr_net} · dinheiro {cash_net})</translation>
    </message>
    <message>
        <source>Reading the sales…</source>
        <translation>Lendo as vendas…</translation>
    </message>
    <message>
        <source>Sale discount: {amount}</source>
        <translation>Desconto na venda: {amount}</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Não foi possível gravar {path}: {error}</translation>
    </message>
    <message>
        <source>sales-{date}.csv</source>
        <translation>vendas-{date}.csv</translation>
    </message>
    <message>
        <source>Export sales</source>
        <translation>Exportar vendas</translation>
    </message>
    <message>
        <source>1 sale exported to {path}</source>
        <translation>1 venda exportada para {path}</translation>
    </message>
    <message>
        <source>{count} sales exported to {path}</source>
        <translation>{count} vendas exportadas para {path}</translation>
    </message>
    <message>
        <source>Cancel sale {reference}? Its order leaves the box: a customer about to pay it can no longer do so. A payment that arrives anyway is still recorded.</source>
        <translation>Cancelar a venda {reference}? O pedido sai do caixa: um cliente prestes a pagá-lo não poderá mais fazê-lo. Um pagamento que chegar mesmo assim fica registrado.</translation>
    </message>
    <message>
        <source>{status} — {total}
Sale {reference}</source>
        <translation>{status} — {total}
Venda {reference}</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
    </message>
    <message>
        <source>1 sale</source>
        <translation>1 venda</translation>
    </message>
    <message>
        <source>{count} sales</source>
        <translation>{count} vendas</translation>
    </message>
    <message>
        <source>{count} · QR: {paid} ({qr_total}) · cash: {cash} ({cash_total})</source>
        <translation>{count} · QR: {paid} ({qr_total}) · dinheiro: {cash} ({cash_total})</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluído: {amount}</translation>
    </message>
    <message>
        <source>Refunded {refunded} — left to refund {left}</source>
        <translation>Devolvido {refunded}; resta a devolver {left}</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Charge with QR  (F5)</source>
        <translation>Cobrar com QR  (F5)</translation>
    </message>
    <message>
        <source>One less of the selected line  (-)</source>
        <translation>Uma unidade a menos na linha escolhida  (-)</translation>
    </message>
    <message>
        <source>One more of the selected line  (+)</source>
        <translation>Uma unidade a mais na linha escolhida  (+)</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Remover linha</translation>
    </message>
    <message>
        <source>Remove the selected line  (Delete)</source>
        <translation>Remover a linha escolhida  (Delete)</translation>
    </message>
    <message>
        <source>Discounts: −{amount}</source>
        <translation>Descontos: −{amount}</translation>
    </message>
    <message>
        <source>Sale discount {what}</source>
        <translation>Desconto na venda {what}</translation>
    </message>
    <message>
        <source>IVA included: {amount}</source>
        <translation>IVA incluído: {amount}</translation>
    </message>
    <message>
        <source>{rate} %: {amount}</source>
        <translation>{rate} %: {amount}</translation>
    </message>
    <message>
        <source>The cart is empty</source>
        <translation>O carrinho está vazio</translation>
    </message>
    <message>
        <source>F2 custom amount · F3 sales history · F5 charge
+ / − quantity · Delete remove · ↑ ↓ line or product
F6 products · F7 line discount · F8 sale discount · F9 settings</source>
        <translation>F2 valor avulso · F3 histórico de vendas · F5 cobrar
+ / − quantidade · Delete remover · ↑ ↓ linha ou produto
F6 produtos · F7 desconto na linha · F8 desconto na venda · F9 configurações</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 item</translation>
    </message>
    <message>
        <source>{n} items</source>
        <translation>{n} itens</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The price must be greater than zero.</source>
        <translation>O preço deve ser maior que zero.</translation>
    </message>
    <message>
        <source>That is more than any sale in {currency} at a counter: the largest amount this till accepts is {limit}.</source>
        <translation>Isso é mais do que qualquer venda em {currency} num balcão: o valor máximo que este caixa aceita é {limit}.</translation>
    </message>
    <message>
        <source>Prices in {currency} have no decimals.</source>
        <translation>Preços em {currency} não têm casas decimais.</translation>
    </message>
    <message>
        <source>Prices in {currency} can have at most {decimals} decimals.</source>
        <translation>Preços em {currency} podem ter no máximo {decimals} casas decimais.</translation>
    </message>
    <message>
        <source>The quantity must be a whole number.</source>
        <translation>A quantidade deve ser um número inteiro.</translation>
    </message>
    <message>
        <source>The quantity must be between {low} and {high}.</source>
        <translation>A quantidade deve estar entre {low} e {high}.</translation>
    </message>
    <message>
        <source>The cart is empty: add an item before charging.</source>
        <translation>O carrinho está vazio: adicione um item antes de cobrar.</translation>
    </message>
    <message>
        <source>The total must be greater than zero.</source>
        <translation>O total deve ser maior que zero.</translation>
    </message>
    <message>
        <source>The total {total} is above this till&apos;s limit of {limit}.</source>
        <translation>O total {total} passa do limite deste caixa, de {limit}.</translation>
    </message>
    <message>
        <source>Type the amount.</source>
        <translation>Digite o valor.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount. Write it like {example}.</source>
        <translation>“{text}” não é um valor. Escreva assim: {example}.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write digits with a dot or a comma for the decimals and no thousands mark, like {example}.</source>
        <translation>“{text}” não é um valor: escreva algarismos com um ponto ou uma vírgula para os decimais e sem separador de milhar, como {example}.</translation>
    </message>
    <message>
        <source>“{text}” could be {whole} or a price with three decimals: write {grouped} or {whole}.</source>
        <translation>“{text}” pode ser {whole} ou um preço com três casas decimais: escreva {grouped} ou {whole}.</translation>
    </message>
    <message>
        <source>Amounts in {currency} have no decimals: write {example}.</source>
        <translation>Valores em {currency} não têm casas decimais: escreva {example}.</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: write digits with a dot for the decimals, like {example}.</source>
        <translation>“{text}” não é um valor: escreva algarismos com um ponto para os decimais, como {example}.</translation>
    </message>
    <message>
        <source>The IVA rate must be 0, 5 or 19 %.</source>
        <translation>A alíquota de IVA deve ser 0, 5 ou 19 %.</translation>
    </message>
    <message>
        <source>The amount must be greater than zero.</source>
        <translation>O valor deve ser maior que zero.</translation>
    </message>
    <message>
        <source>Cashier&apos;s name</source>
        <translation>Nome do operador</translation>
    </message>
    <message>
        <source>Reason for the cash movement</source>
        <translation>Motivo da movimentação de caixa</translation>
    </message>
    <message>
        <source>Reason for the refund</source>
        <translation>Motivo da devolução</translation>
    </message>
    <message>
        <source>Product name</source>
        <translation>Nome do produto</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Código de barras</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Item description</source>
        <translation>Descrição do item</translation>
    </message>
    <message>
        <source>Every item needs a name (control and invisible characters do not count).</source>
        <translation>Cada item precisa de um nome (caracteres de controle e invisíveis não contam).</translation>
    </message>
    <message>
        <source>Reason for the discount</source>
        <translation>Motivo do desconto</translation>
    </message>
    <message>
        <source>Name on the customer&apos;s phone</source>
        <translation>Nome no celular do cliente</translation>
    </message>
    <message>
        <source>Shop name on the receipt</source>
        <translation>Nome da loja no comprovante</translation>
    </message>
    <message>
        <source>Receipt header</source>
        <translation>Cabeçalho do comprovante</translation>
    </message>
    <message>
        <source>Receipt footer</source>
        <translation>Rodapé do comprovante</translation>
    </message>
    <message>
        <source>Store name</source>
        <translation>Nome da loja</translation>
    </message>
    <message>
        <source>Box name</source>
        <translation>Nome do caixa</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rua</translation>
    </message>
    <message>
        <source>Street number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Cidade</translation>
    </message>
    <message>
        <source>Province or state</source>
        <translation>Estado ou província</translation>
    </message>
    <message>
        <source>{field}: at most {limit} characters, this one has {length}.</source>
        <translation>{field}: no máximo {limit} caracteres, este texto tem {length}.</translation>
    </message>
    <message>
        <source>{field}: it cannot be empty (control and invisible characters do not count).</source>
        <translation>{field}: não pode ficar em branco (caracteres de controle e invisíveis não contam).</translation>
    </message>
    <message>
        <source>The weight or measure must be between {low} and {high}.</source>
        <translation>O peso ou a medida devem estar entre {low} e {high}.</translation>
    </message>
    <message>
        <source>The weight or measure can have at most 3 decimals.</source>
        <translation>O peso ou a medida podem ter no máximo 3 casas decimais.</translation>
    </message>
    <message>
        <source>“{text}” can be read two ways: type {whole} or {fraction}.</source>
        <translation>“{text}” pode ser lido de duas formas: digite {whole} ou {fraction}.</translation>
    </message>
    <message>
        <source>A percentage discount must be more than 0 and at most 100.</source>
        <translation>Um desconto percentual deve ser maior que 0 e no máximo 100.</translation>
    </message>
    <message>
        <source>A percentage can have at most 2 decimals.</source>
        <translation>Uma porcentagem pode ter no máximo 2 casas decimais.</translation>
    </message>
    <message>
        <source>The discount is more than there is to discount: {amount} at most.</source>
        <translation>O desconto é maior do que há para descontar: no máximo {amount}.</translation>
    </message>
    <message>
        <source>The new price makes the line cost more than {amount}: a discount lowers the price.</source>
        <translation>Com o preço novo a linha custa mais de {amount}: um desconto baixa o preço.</translation>
    </message>
    <message>
        <source>Amounts in {currency} can have at most {decimals} decimals.</source>
        <translation>Valores em {currency} podem ter no máximo {decimals} casas decimais.</translation>
    </message>
</context>
<context>
    <name>WeightDialog</name>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>{title} — {price}</source>
        <translation>{title} — {price}</translation>
    </message>
    <message>
        <source>Weight or measure in {unit}</source>
        <translation>Peso ou medida em {unit}</translation>
    </message>
    <message>
        <source>How much ({unit})</source>
        <translation>Quanto ({unit})</translation>
    </message>
    <message>
        <source>Enter add · Esc cancel</source>
        <translation>Enter adicionar · Esc cancelar</translation>
    </message>
    <message>
        <source>{measure} = {total}</source>
        <translation>{measure} = {total}</translation>
    </message>
    <message>
        <source>That is a barcode, not a weight: type the weight like {example}, or press Esc and scan the label in the scan field.</source>
        <translation>Isso é um código de barras, não um peso: digite o peso como {example}, ou pressione Esc e leia a etiqueta no campo de leitura.</translation>
    </message>
    <message>
        <source>Type the weight like {example}.</source>
        <translation>Digite o peso assim: {example}.</translation>
    </message>
</context>
</TS>
